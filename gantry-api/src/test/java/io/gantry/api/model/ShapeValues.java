package io.gantry.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Random;

/**
 * Generates JSON values for a shape from a seed: valid ones when the mutation rate is 0, and
 * values with random type, required, enum and limit faults at higher rates.
 */
final class ShapeValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 12;

  private final Random random;
  private final double mutationRate;

  ShapeValues(long seed, double mutationRate) {
    this.random = new Random(seed);
    this.mutationRate = mutationRate;
  }

  JsonNode value(Shape shape) {
    return value(shape, 0);
  }

  private JsonNode value(Shape shape, int depth) {
    if (random.nextDouble() < mutationRate) {
      return junk(depth);
    }
    switch (shape.type()) {
      case STRUCTURE:
        return shape.isDocument() ? junk(depth) : structure(shape, depth);
      case LIST: {
        ArrayNode array = NODES.arrayNode();
        int size = size(shape, depth);
        for (int i = 0; i < size; i++) {
          array.add(value(shape.listMember(), depth + 1));
        }
        return array;
      }
      case MAP: {
        ObjectNode map = NODES.objectNode();
        int size = size(shape, depth);
        for (int attempts = 0; map.size() < size && attempts < 20; attempts++) {
          map.set(string(shape.mapKey()), value(shape.mapValue(), depth + 1));
        }
        return map;
      }
      case STRING:
        return NODES.textNode(string(shape));
      case BLOB:
        return NODES.textNode(Base64.getEncoder().encodeToString(new byte[random.nextInt(8)]));
      case BOOLEAN:
        return NODES.booleanNode(random.nextBoolean());
      case INTEGER:
        return NODES.numberNode((int) between(shape, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case LONG:
        return NODES.numberNode(between(shape, Long.MIN_VALUE, Long.MAX_VALUE));
      case DOUBLE:
      case FLOAT: {
        double lo = shape.min().orElse(-1e6);
        double hi = shape.max().orElse(1e6);
        return NODES.numberNode(lo + (hi - lo) * random.nextDouble());
      }
      case TIMESTAMP:
        return random.nextBoolean() ? NODES.numberNode(1_700_000_000L + random.nextInt(1_000_000))
            : NODES.numberNode(1_700_000_000.5 + random.nextInt(1_000));
      default:
        throw new AssertionError(shape.type());
    }
  }

  private ObjectNode structure(Shape shape, int depth) {
    ObjectNode object = NODES.objectNode();
    for (Member member : shape.members().values()) {
      boolean include = member.required() || (depth < MAX_DEPTH && random.nextInt(3) == 0);
      if (include) {
        object.set(member.name(), value(member.target(), depth + 1));
      } else if (random.nextInt(10) == 0) {
        object.putNull(member.name());
      }
    }
    if (random.nextDouble() < mutationRate) {
      object.set("undeclared" + random.nextInt(3), junk(depth));
    }
    return object;
  }

  private int size(Shape shape, int depth) {
    int min = (int) shape.min().orElse(0);
    int max = (int) Math.min(shape.max().orElse(Integer.MAX_VALUE), min + (depth < MAX_DEPTH ? 3 : 0));
    return min + random.nextInt(max - min + 1);
  }

  private long between(Shape shape, long lowest, long highest) {
    long lo = (long) Math.max(shape.min().orElse(-1000), lowest);
    long hi = (long) Math.min(shape.max().orElse(1000), highest);
    return lo + (long) (random.nextDouble() * (hi - lo + 1));
  }

  private String string(Shape shape) {
    if (!shape.enumValues().isEmpty()) {
      return shape.enumValues().get(random.nextInt(shape.enumValues().size()));
    }
    int min = (int) shape.min().orElse(0);
    int max = (int) Math.min(shape.max().orElse(Integer.MAX_VALUE), min + 12);
    int length = min + random.nextInt(max - min + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(random.nextInt(8) == 0 ? 0x1F600 + random.nextInt(50) : 'a' + random.nextInt(26));
    }
    return text.toString();
  }

  /** A value of a random JSON type, often one the shape does not allow. */
  private JsonNode junk(int depth) {
    switch (random.nextInt(12)) {
      case 0:
        return NODES.nullNode();
      case 1:
        return NODES.textNode("junk");
      case 2:
        return NODES.numberNode(1.5);
      case 3:
        return NODES.numberNode(new BigInteger("123456789012345678901234567890"));
      case 4:
        return NODES.numberNode(Double.NaN);
      case 5:
        return NODES.booleanNode(true);
      case 6:
        return NODES.numberNode(-1);
      case 7:
        return NODES.textNode("x".repeat(300));
      case 8: {
        ArrayNode array = NODES.arrayNode();
        if (depth < MAX_DEPTH) {
          array.add(junk(depth + 1)).addNull();
        }
        return array;
      }
      case 9:
        return depth < MAX_DEPTH ? NODES.objectNode().set("k", junk(depth + 1)) : NODES.objectNode();
      case 10:
        return NODES.numberNode(Long.MAX_VALUE);
      default:
        return NODES.textNode("");
    }
  }
}
