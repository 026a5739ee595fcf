package io.gantry.scheduler;

/**
 * A placement input that ECS refuses (a malformed strategy or constraint, too many of them, a
 * cluster query that does not parse). The message is the ECS wording; the server answers it as
 * {@code InvalidParameterException}.
 */
public final class PlacementInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PlacementInputException(String message) {
    super(message);
  }

  public PlacementInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
