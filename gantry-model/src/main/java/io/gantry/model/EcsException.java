package io.gantry.model;

/**
 * An error the API boundary answers with: an ECS error type and a message for the user.
 * Thrown by validation and handlers; the dispatcher is the only place that turns it into HTTP.
 * Expected outcomes (a task that does not fit, a cluster that is missing from a describe) are
 * values, not exceptions.
 */
public final class EcsException extends RuntimeException {
  private final ErrorCode code;

  public EcsException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public static EcsException client(String message) {
    return new EcsException(ErrorCode.CLIENT, message);
  }

  public static EcsException invalidParameter(String message) {
    return new EcsException(ErrorCode.INVALID_PARAMETER, message);
  }

  public static EcsException clusterNotFound() {
    return new EcsException(ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found.");
  }

  /** A service name that finds no service in the cluster (ECS's words). */
  public static EcsException serviceNotFound() {
    return new EcsException(ErrorCode.SERVICE_NOT_FOUND, "Service not found.");
  }

  /** A change to a service that is DRAINING or INACTIVE (ECS's words). */
  public static EcsException serviceNotActive() {
    return new EcsException(ErrorCode.SERVICE_NOT_ACTIVE, "Service was not ACTIVE.");
  }

  /** The answer for an ECS operation that Gantry accepts on the wire but does not implement yet. */
  public static EcsException notImplemented(String operation) {
    return new EcsException(
        ErrorCode.UNSUPPORTED_FEATURE,
        "Gantry does not implement the ECS operation " + operation + " yet.");
  }
}
