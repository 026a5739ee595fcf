package io.gantry.agent.runtime;

/**
 * Internal signal of the translator that a definition cannot run here; {@link ContainerSpecs}
 * turns it into {@link SpecResult.Refused}. Never escapes the package.
 */
final class SpecRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SpecRefusal(String message) {
    super(message, null, false, false);
  }
}
