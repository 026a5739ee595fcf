package io.gantry.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gantry.api.model.Violation.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Walks a Jackson tree against a {@link Shape} and returns every violation as a value; it never
 * throws for any JSON tree. Stateless and thread-safe.
 *
 * <p>{@link #forInput()} checks a request the way an AWS service reads one: JSON types, integral
 * and in-range integers, required members, enum values, and the min/max the model states; members
 * the shape does not declare are ignored and JSON nulls count as absent. {@link #forOutput()}
 * checks a response the way a strict SDK would read one: every member must be declared, types
 * and enums must match, and timestamps must be epoch-second numbers; required members and min/max
 * are not checked.
 *
 * <p>The walk follows the shape graph and reads members by name from the precomputed member
 * tables of {@link Shape}, so a valid input allocates nothing. Paths are built only for
 * violations, segment by segment as the walk unwinds.
 */
public final class ShapeValidator {
  private static final ShapeValidator INPUT = new ShapeValidator(false);
  private static final ShapeValidator OUTPUT = new ShapeValidator(true);

  private final boolean output;

  private ShapeValidator(boolean output) {
    this.output = output;
  }

  /** The validator for request bodies. */
  public static ShapeValidator forInput() {
    return INPUT;
  }

  /** The validator for response bodies (used by tests). */
  public static ShapeValidator forOutput() {
    return OUTPUT;
  }

  /**
   * Returns the violations of {@code value} against {@code shape} in model member order (an
   * empty, shared list when there are none). A JSON null or missing value for a structure is
   * checked as an empty object.
   */
  public List<Violation> validate(Shape shape, JsonNode value) {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(value, "value");
    JsonNode root = absent(value) && shape.type() == ShapeType.STRUCTURE ? JsonNodeFactory.instance.objectNode() : value;
    List<Found> found = walk(shape, root);
    if (found == null) {
      return List.of();
    }
    List<Violation> violations = new ArrayList<>(found.size());
    for (Found f : found) {
      violations.add(new Violation(f.path, f.kind, ViolationMessages.message(f.kind, f.path, f.detail)));
    }
    return violations;
  }

  /** A violation whose path is relative to the value being walked. */
  private record Found(String path, Kind kind, String detail) {
    Found under(String segment) {
      if (path.isEmpty()) {
        return new Found(segment, kind, detail);
      }
      return new Found(path.charAt(0) == '[' ? segment + path : segment + "." + path, kind, detail);
    }
  }

  // Each walk method returns null when the value is valid, so a valid tree allocates nothing.
  private ArrayList<Found> walk(Shape shape, JsonNode node) {
    switch (shape.type()) {
      case STRUCTURE:
        return structure(shape, node);
      case LIST:
        return list(shape, node);
      case MAP:
        return map(shape, node);
      case STRING:
        return node.isTextual() ? string(shape, node.textValue()) : wrongType(shape, node);
      case BLOB:
        return node.isTextual() ? null : wrongType(shape, node);
      case BOOLEAN:
        return node.isBoolean() ? null : wrongType(shape, node);
      case INTEGER:
        return integral(shape, node, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case LONG:
        return integral(shape, node, Long.MIN_VALUE, Long.MAX_VALUE);
      case DOUBLE:
      case FLOAT:
        return floating(shape, node);
      case TIMESTAMP:
        return node.isNumber() || (!output && node.isTextual()) ? null : wrongType(shape, node);
      default:
        throw new AssertionError(shape.type());
    }
  }

  private ArrayList<Found> structure(Shape shape, JsonNode node) {
    if (shape.isDocument()) {
      return null;
    }
    if (!node.isObject()) {
      return wrongType(shape, node);
    }
    return output ? declaredMembers(shape, node) : presentMembers(shape, node);
  }

  private ArrayList<Found> presentMembers(Shape shape, JsonNode node) {
    ArrayList<Found> found = null;
    for (Member member : shape.memberTable) {
      JsonNode value = node.get(member.name());
      if (absent(value)) {
        if (member.required()) {
          found = add(found, new Found(member.name(), Kind.REQUIRED, ""));
        }
      } else {
        found = merge(found, walk(member.target(), value), member.name());
      }
    }
    return found;
  }

  private ArrayList<Found> declaredMembers(Shape shape, JsonNode node) {
    ArrayList<Found> found = null;
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      Member member = shape.members().get(entry.getKey());
      if (member == null) {
        found = add(found, new Found(entry.getKey(), Kind.UNKNOWN_MEMBER, shape.name()));
      } else if (!absent(entry.getValue())) {
        found = merge(found, walk(member.target(), entry.getValue()), member.name());
      }
    }
    return found;
  }

  private ArrayList<Found> list(Shape shape, JsonNode node) {
    if (!node.isArray()) {
      return wrongType(shape, node);
    }
    int size = node.size();
    ArrayList<Found> found = output ? null : size(shape, size, "elements");
    for (int i = 0; i < size; i++) {
      JsonNode item = node.get(i);
      ArrayList<Found> sub = item.isNull() ? wrongType(shape.listMember, item) : walk(shape.listMember, item);
      if (sub != null) {
        found = merge(found, sub, "[" + i + "]");
      }
    }
    return found;
  }

  private ArrayList<Found> map(Shape shape, JsonNode node) {
    if (!node.isObject()) {
      return wrongType(shape, node);
    }
    ArrayList<Found> found = output ? null : size(shape, node.size(), "entries");
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      JsonNode value = entry.getValue();
      ArrayList<Found> key = shape.mapKey.type() == ShapeType.STRING ? string(shape.mapKey, entry.getKey()) : null;
      ArrayList<Found> sub = value.isNull() ? wrongType(shape.mapValue, value) : walk(shape.mapValue, value);
      if (key != null || sub != null) {
        String segment = "[" + ViolationMessages.quote(entry.getKey()) + "]";
        found = merge(merge(found, key, segment), sub, segment);
      }
    }
    return found;
  }

  private ArrayList<Found> string(Shape shape, String value) {
    if (!shape.enumSet.isEmpty() && !shape.enumSet.contains(value)) {
      return one(Kind.ENUM, ViolationMessages.enumDetail(shape, value));
    }
    if (output || !shape.hasLimits) {
      return null;
    }
    return size(shape, value.codePointCount(0, value.length()), "characters");
  }

  private ArrayList<Found> size(Shape shape, int size, String unit) {
    if (size < shape.min) {
      return one(Kind.LENGTH, size + " " + unit + " is fewer than the minimum of " + ViolationMessages.number(shape.min));
    }
    if (size > shape.max) {
      return one(Kind.LENGTH, size + " " + unit + " is more than the maximum of " + ViolationMessages.number(shape.max));
    }
    return null;
  }

  private ArrayList<Found> integral(Shape shape, JsonNode node, long lowest, long highest) {
    boolean isInt = highest == Integer.MAX_VALUE;
    if (node.isIntegralNumber()) {
      if (!(isInt ? node.canConvertToInt() : node.canConvertToLong())) {
        return one(Kind.TYPE, "expected " + ViolationMessages.expected(shape, output) + ", found a number outside its range");
      }
    } else if (node.isFloatingPointNumber() && !output) {
      // AWS services read 5.0 as the integer 5 (and so does Jackson); a fraction is a type error.
      double d = node.doubleValue();
      if (d != Math.rint(d) || Double.isInfinite(d)) {
        return one(Kind.TYPE, "expected " + ViolationMessages.expected(shape, output) + ", found a fractional number");
      }
      if (d < lowest || d > highest) {
        return one(Kind.TYPE, "expected " + ViolationMessages.expected(shape, output) + ", found a number outside its range");
      }
    } else {
      return wrongType(shape, node);
    }
    return output || !shape.hasLimits ? null : range(shape, node.longValue(), node);
  }

  private ArrayList<Found> floating(Shape shape, JsonNode node) {
    if (node.isNumber()) {
      return output || !shape.hasLimits ? null : range(shape, node.doubleValue(), node);
    }
    // awsJson writes the non-finite values of a double as these strings.
    if (node.isTextual()) {
      String text = node.textValue();
      if (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
        return null;
      }
    }
    return wrongType(shape, node);
  }

  private static ArrayList<Found> range(Shape shape, double value, JsonNode node) {
    if (value < shape.min) {
      return one(Kind.RANGE, node.asText() + " is less than the minimum of " + ViolationMessages.number(shape.min));
    }
    if (value > shape.max) {
      return one(Kind.RANGE, node.asText() + " is greater than the maximum of " + ViolationMessages.number(shape.max));
    }
    return null;
  }

  private ArrayList<Found> wrongType(Shape shape, JsonNode node) {
    return one(Kind.TYPE, "expected " + ViolationMessages.expected(shape, output) + ", found " + ViolationMessages.jsonType(node));
  }

  private static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  private static ArrayList<Found> one(Kind kind, String detail) {
    ArrayList<Found> found = new ArrayList<>(1);
    found.add(new Found("", kind, detail));
    return found;
  }

  private static ArrayList<Found> add(ArrayList<Found> found, Found f) {
    ArrayList<Found> list = found == null ? new ArrayList<>(2) : found;
    list.add(f);
    return list;
  }

  /** Adds {@code sub} (relative to {@code segment}) to {@code found}, re-rooting its paths. */
  private static ArrayList<Found> merge(ArrayList<Found> found, ArrayList<Found> sub, String segment) {
    if (sub == null) {
      return found;
    }
    for (int i = 0; i < sub.size(); i++) {
      sub.set(i, sub.get(i).under(segment));
    }
    if (found == null) {
      return sub;
    }
    found.addAll(sub);
    return found;
  }
}
