package io.gantry.scheduler.query;

/**
 * A cluster query expression that does not parse: the message says where (a 1-based character
 * position) and what was expected, in words fit for an ECS {@code InvalidParameterException}.
 */
public final class QuerySyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final int position;

  QuerySyntaxException(int position, String problem) {
    super("Invalid cluster query expression at character " + position + ": " + problem);
    this.position = position;
  }

  /** The 1-based character position of the problem in the expression. */
  public int position() {
    return position;
  }
}
