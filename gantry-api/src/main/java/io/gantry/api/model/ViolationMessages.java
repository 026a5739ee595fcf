package io.gantry.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.model.Violation.Kind;

/**
 * The user-facing wording of {@link Violation} messages. Called only when something is wrong, so
 * it may allocate freely. Values are echoed only for enums (shortened), never for free text that
 * may be sensitive.
 */
final class ViolationMessages {
  private static final int MAX_ECHO = 64;

  private ViolationMessages() {}

  static String message(Kind kind, String path, String detail) {
    String where = path.isEmpty() ? "the value" : "'" + path + "'";
    switch (kind) {
      case TYPE:
        return "Invalid type for " + where + ": " + detail + ".";
      case REQUIRED:
        return "Missing required member " + where + ".";
      case ENUM:
      case RANGE:
        return "Invalid value for " + where + ": " + detail + ".";
      case LENGTH:
        return "Invalid length for " + where + ": " + detail + ".";
      case UNKNOWN_MEMBER:
        return "Unknown member " + where + ": shape " + detail + " does not declare it.";
      default:
        throw new AssertionError(kind);
    }
  }

  static String enumDetail(Shape shape, String value) {
    return "'" + shorten(value) + "'. Valid values: " + String.join(", ", shape.enumValues());
  }

  /** What a value of {@code shape} must look like on the wire. */
  static String expected(Shape shape, boolean output) {
    switch (shape.type()) {
      case STRUCTURE:
        return "an object (" + shape.name() + ")";
      case MAP:
        return "an object (map " + shape.name() + ")";
      case LIST:
        return "an array (" + shape.name() + ")";
      case STRING:
        return "a string";
      case BLOB:
        return "a base64 string";
      case BOOLEAN:
        return "a boolean";
      case INTEGER:
        return "an integer (32-bit)";
      case LONG:
        return "an integer (64-bit)";
      case DOUBLE:
      case FLOAT:
        return "a number";
      case TIMESTAMP:
        return output ? "a timestamp as epoch seconds (a number)" : "a timestamp (epoch seconds or an ISO-8601 string)";
      default:
        throw new AssertionError(shape.type());
    }
  }

  static String jsonType(JsonNode node) {
    switch (node.getNodeType()) {
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case OBJECT:
        return "an object";
      case ARRAY:
        return "an array";
      case NULL:
        return "null";
      default:
        return "an unsupported value";
    }
  }

  /** A map key or value for a path or message, quoted and shortened. */
  static String quote(String value) {
    return "\"" + shorten(value).replace("\"", "\\\"") + "\"";
  }

  /** A model limit without a spurious ".0". */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  private static String shorten(String value) {
    return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "…";
  }
}
