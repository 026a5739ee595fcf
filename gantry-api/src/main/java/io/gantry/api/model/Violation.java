package io.gantry.api.model;

import java.util.Objects;

/**
 * One way a JSON value fails to match a shape: where (a member path such as
 * {@code containerDefinitions[0].portMappings[1].containerPort}, empty for the value itself),
 * what kind of failure, and a message for the user that names the path.
 */
public record Violation(String path, Kind kind, String message) {
  /** The closed set of failures {@link ShapeValidator} reports. */
  public enum Kind {
    /** The JSON type does not match the shape's type (or an integer is fractional or too big). */
    TYPE,
    /** A required member is absent or null. */
    REQUIRED,
    /** A string is not one of the shape's enum values. */
    ENUM,
    /** A number is below the shape's min or above its max. */
    RANGE,
    /** A string's length, or a list's or map's size, is below the shape's min or above its max. */
    LENGTH,
    /** An object has a member its structure shape does not declare (output checking only). */
    UNKNOWN_MEMBER
  }

  public Violation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
