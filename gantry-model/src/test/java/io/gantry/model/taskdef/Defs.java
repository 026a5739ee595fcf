package io.gantry.model.taskdef;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Test fixtures: task definitions written as relaxed JSON (single quotes, unquoted names), the way
 * a user writes them for RegisterTaskDefinition, decoded into the model records.
 */
final class Defs {
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .build();

  private Defs() {}

  static TaskDefinition parse(String json) {
    try {
      return JSON.readValue(json, TaskDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A definition of family {@code web} with the given container JSON objects and no other members. */
  static TaskDefinition containers(String... containers) {
    return parse("{family: 'web', containerDefinitions: [" + String.join(",", containers) + "]}");
  }

  static TaskDefinition prepare(String json) {
    return TaskDefinitionRegistration.prepare(parse(json));
  }
}
