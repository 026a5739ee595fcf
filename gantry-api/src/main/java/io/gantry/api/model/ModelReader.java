package io.gantry.api.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads botocore's {@code service-2.json} layout into linked {@link Shape}s and {@link Operation}s.
 * Creates every shape first and links references second, so shapes may refer to shapes declared
 * later in the file or to themselves. Used only while a {@link ServiceModel} is constructed.
 */
final class ModelReader {
  final Map<String, Shape> shapes = new LinkedHashMap<>();
  final Map<String, Operation> operations = new LinkedHashMap<>();

  ModelReader(JsonNode root) {
    JsonNode shapesNode = object(root, "shapes", "the model");
    for (Map.Entry<String, JsonNode> entry : shapesNode.properties()) {
      shapes.put(entry.getKey(), create(entry.getKey(), entry.getValue()));
    }
    for (Map.Entry<String, JsonNode> entry : shapesNode.properties()) {
      link(shapes.get(entry.getKey()), entry.getValue());
    }
    for (Map.Entry<String, JsonNode> entry : object(root, "operations", "the model").properties()) {
      operations.put(entry.getKey(), operation(entry.getKey(), entry.getValue()));
    }
  }

  private static Shape create(String name, JsonNode node) {
    ShapeType type = ShapeType.fromWireName(text(node, "type", name));
    List<String> required = strings(node.path("required"), name);
    List<String> enumValues = strings(node.path("enum"), name);
    return new Shape(name, type, required, enumValues, number(node, "min", name), number(node, "max", name),
        node.path("document").asBoolean(false), node.path("exception").asBoolean(false));
  }

  private void link(Shape shape, JsonNode node) {
    String name = shape.name();
    List<Member> members = new ArrayList<>();
    if (shape.type() == ShapeType.STRUCTURE) {
      JsonNode membersNode = node.path("members");
      for (Map.Entry<String, JsonNode> entry : membersNode.properties()) {
        String memberName = entry.getKey();
        Shape target = reference(entry.getValue(), name + "." + memberName);
        members.add(new Member(memberName, target, shape.required().contains(memberName)));
      }
      for (String required : shape.required()) {
        if (!membersNode.has(required)) {
          throw new IllegalArgumentException("shape " + name + " requires undeclared member " + required);
        }
      }
    }
    Shape listMember = shape.type() == ShapeType.LIST ? reference(node.path("member"), name + " member") : null;
    Shape mapKey = shape.type() == ShapeType.MAP ? reference(node.path("key"), name + " key") : null;
    Shape mapValue = shape.type() == ShapeType.MAP ? reference(node.path("value"), name + " value") : null;
    shape.link(members, listMember, mapKey, mapValue);
  }

  private Operation operation(String name, JsonNode node) {
    List<String> errors = new ArrayList<>();
    for (JsonNode error : node.path("errors")) {
      errors.add(reference(error, name + " error").name());
    }
    return new Operation(name, optionalReference(node.path("input"), name + " input"),
        optionalReference(node.path("output"), name + " output"), errors);
  }

  private Optional<String> optionalReference(JsonNode ref, String where) {
    return ref.isMissingNode() ? Optional.empty() : Optional.of(reference(ref, where).name());
  }

  private Shape reference(JsonNode ref, String where) {
    String target = text(ref, "shape", where);
    Shape shape = shapes.get(target);
    if (shape == null) {
      throw new IllegalArgumentException(where + " refers to unknown shape " + target);
    }
    return shape;
  }

  private static JsonNode object(JsonNode node, String field, String where) {
    JsonNode value = node.path(field);
    if (!value.isObject()) {
      throw new IllegalArgumentException(where + " has no '" + field + "' object");
    }
    return value;
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException(where + " has no '" + field + "' string");
    }
    return value.textValue();
  }

  private static OptionalDouble number(JsonNode node, String field, String where) {
    JsonNode value = node.path(field);
    if (value.isMissingNode()) {
      return OptionalDouble.empty();
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException(where + " has a non-numeric '" + field + "'");
    }
    return OptionalDouble.of(value.doubleValue());
  }

  private static List<String> strings(JsonNode array, String where) {
    List<String> values = new ArrayList<>();
    for (JsonNode value : array) {
      if (!value.isTextual()) {
        throw new IllegalArgumentException(where + " has a non-string list entry");
      }
      values.add(value.textValue());
    }
    return values;
  }
}
