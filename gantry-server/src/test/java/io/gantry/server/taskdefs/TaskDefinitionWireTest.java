package io.gantry.server.taskdefs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.json.AwsJson;
import io.gantry.server.dispatch.EcsDispatcher;
import io.gantry.server.dispatch.InputValidator;
import io.gantry.server.dispatch.OperationRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations as the dispatcher runs them: registered names, JSON in, JSON or an ECS error out. */
class TaskDefinitionWireTest {
  @TempDir Path dir;
  TaskDefinitionFixture f;
  EcsDispatcher dispatcher;
  OperationRegistry registry;

  @BeforeEach
  void open() {
    f = new TaskDefinitionFixture(dir);
    registry = new OperationRegistry();
    f.handler.register(registry);
    dispatcher = new EcsDispatcher(registry, InputValidator.NONE);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void registersTheSixOperations() {
    assertThat(registry.names()).isEqualTo(Set.of("RegisterTaskDefinition", "DescribeTaskDefinition",
        "ListTaskDefinitions", "ListTaskDefinitionFamilies", "DeregisterTaskDefinition", "DeleteTaskDefinitions"));
  }

  @Test
  void registerAndDescribeOverJson() throws IOException {
    EcsDispatcher.Response registered = call("RegisterTaskDefinition", FullDefinition.REQUEST);
    assertThat(registered.status()).isEqualTo(200);
    JsonNode body = json(registered);
    assertThat(body.at("/taskDefinition/taskDefinitionArn").asText()).isEqualTo(TaskDefinitionFixture.ARN_PREFIX + "full:1");
    assertThat(body.at("/tags/0/key").asText()).isEqualTo("team");

    JsonNode described = json(call("DescribeTaskDefinition", "{\"taskDefinition\": \"full:1\", \"include\": [\"TAGS\"]}"));
    assertThat(described).isEqualTo(body);
    JsonNode listed = json(call("ListTaskDefinitions", "{}"));
    assertThat(listed.toString()).isEqualTo("{\"taskDefinitionArns\":[\"" + TaskDefinitionFixture.ARN_PREFIX + "full:1\"]}");
    JsonNode families = json(call("ListTaskDefinitionFamilies", "{\"status\": \"ACTIVE\"}"));
    assertThat(families.toString()).isEqualTo("{\"families\":[\"full\"]}");
  }

  @Test
  void errorsAreEcsErrorBodies() throws IOException {
    EcsDispatcher.Response missing = call("DescribeTaskDefinition", "{\"taskDefinition\": \"nope\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(json(missing).toString())
        .isEqualTo("{\"__type\":\"ClientException\",\"message\":\"Unable to describe task definition.\"}");
    EcsDispatcher.Response invalid = call("RegisterTaskDefinition",
        "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"app\", \"memory\": 128}]}");
    assertThat(json(invalid).toString())
        .isEqualTo("{\"__type\":\"ClientException\",\"message\":\"Container.image should not be null or empty.\"}");
    EcsDispatcher.Response deleted = call("DeleteTaskDefinitions", "{\"taskDefinitions\": [\"web:1\"]}");
    assertThat(json(deleted).toString()).isEqualTo("{\"taskDefinitions\":[],\"failures\":[{\"arn\":\""
        + TaskDefinitionFixture.ARN_PREFIX + "web:1\",\"reason\":\"The specified task definition does not exist.\"}]}");
  }

  private EcsDispatcher.Response call(String operation, String body) {
    return dispatcher.dispatch(operation, body.getBytes(StandardCharsets.UTF_8), f.ctx);
  }

  private static JsonNode json(EcsDispatcher.Response response) throws IOException {
    return AwsJson.mapper().readTree(response.body());
  }
}
