package io.gantry.model;

/**
 * A per-item failure in a batch response (ECS {@code Failure}): the ARN asked about, a reason
 * such as {@code MISSING}, and optional detail.
 */
public record Failure(String arn, String reason, String detail) {
  public static Failure missing(String arn) {
    return new Failure(arn, "MISSING", null);
  }
}
