package io.gantry.server.taskdefs;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gantry.api.ecs.taskdef.DeregisterTaskDefinitionRequest;
import io.gantry.api.ecs.taskdef.DescribeTaskDefinitionRequest;
import io.gantry.api.ecs.taskdef.RegisterTaskDefinitionRequest;
import io.gantry.api.json.AwsJson;
import io.gantry.model.Scope;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.state.EntityStore;
import io.gantry.server.tags.TagStore;
import io.gantry.store.KvStore;
import io.gantry.store.embedded.EmbeddedKvStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A task definition handler over a real embedded store in a temporary directory, with requests
 * written as relaxed JSON (single quotes, unquoted names) and decoded by the wire mapper.
 */
final class TaskDefinitionFixture implements AutoCloseable {
  static final Scope SCOPE = new Scope("123456789012", "us-east-1");
  static final Instant NOW = Instant.parse("2024-05-01T12:00:00.250Z");
  static final String ARN_PREFIX = "arn:aws:ecs:us-east-1:123456789012:task-definition/";
  private static final ObjectMapper RELAXED = ((JsonMapper) AwsJson.mapper()).rebuild()
      .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .build();

  final KvStore kv;
  final EntityStore store;
  final TaskDefinitionHandler handler;
  final RequestContext ctx = new RequestContext(SCOPE, "AKID", "req-1", NOW);

  TaskDefinitionFixture(Path dir) {
    kv = EmbeddedKvStore.open(dir);
    store = new EntityStore(kv);
    handler = new TaskDefinitionHandler(store, new TagStore(store));
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return RELAXED.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String json) {
    try {
      return RELAXED.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How the wire mapper writes {@code value}. */
  static JsonNode wire(Object value) {
    return AwsJson.mapper().valueToTree(value);
  }

  static String minimal(String family) {
    return "{family: '" + family + "', containerDefinitions: [{name: 'app', image: 'nginx', memory: 128}]}";
  }

  TaskDefinition register(String json) {
    return handler.register(ctx, read(json, RegisterTaskDefinitionRequest.class)).taskDefinition();
  }

  /** Registers minimal definitions in {@code family} until it has {@code count} more revisions. */
  List<TaskDefinition> registerMany(String family, int count) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> register(minimal(family))).toList();
  }

  TaskDefinition describe(String name) {
    return handler.describe(ctx, new DescribeTaskDefinitionRequest(name, null)).taskDefinition();
  }

  TaskDefinition deregister(String name) {
    return handler.deregister(ctx, new DeregisterTaskDefinitionRequest(name)).taskDefinition();
  }

  @Override
  public void close() {
    kv.close();
  }
}
