package io.gantry.agent.runtime;

/**
 * The container runtime is broken or unreachable (socket missing, daemon not answering, an
 * unexpected server error). Not used for outcomes a task definition can cause.
 */
public final class RuntimeUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RuntimeUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
