package io.gantry.server.tasks;

import static io.gantry.server.tasks.TaskFixture.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.ecs.task.ListTasksRequest;
import io.gantry.api.ecs.task.StopTaskResponse;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.api.json.AwsJson;
import io.gantry.api.model.ServiceModel;
import io.gantry.api.model.ShapeValidator;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every task response reads as its ECS output shape, as a strict SDK reads it, and round-trips through the store. */
class OutputShapeTest {
  private static final ServiceModel MODEL = ServiceModel.ecs();
  @TempDir Path dir;

  @Test
  void responsesMatchTheEcsOutputShapes() {
    try (TaskFixture ecs = new TaskFixture(dir)) {
      ecs.createCluster("default");
      ContainerInstance instance = ecs.registerInstance("default", 1024, 1024);
      ecs.registerTaskDefinition("{family: 'web', containerDefinitions: [{name: 'nginx', image: 'nginx', memory: 600, "
          + "portMappings: [{containerPort: 80, hostPort: 8080}]}]}");

      TasksResponse run = ecs.run("{taskDefinition: 'web', count: 2, tags: [{key: 'a', value: 'b'}]}");
      check("RunTask", run);
      Task task = run.tasks().get(0);
      ecs.state.apply(SCOPE, "default", instance.id(), TaskFixture.report(task, "RUNNING", "RUNNING", null),
          TaskFixture.NOW);
      check("DescribeTasks", ecs.describe("default", List.of(task.taskArn(), "missing"), List.of("TAGS")));
      check("ListTasks", ecs.call("ListTasks", TaskFixture.read("{maxResults: 1}", ListTasksRequest.class)));
      StopTaskResponse stop = ecs.call("StopTask", new io.gantry.api.ecs.task.StopTaskRequest(null, "bye",
          task.taskArn()));
      check("StopTask", stop);
      check("StartTask", ecs.call("StartTask", new io.gantry.api.ecs.task.StartTaskRequest(null,
          List.of(instance.id()), null, null, null, null, null, null, null, null, null, "web", null)));

      StoredTask stored = ecs.stored("default", task);
      assertThat(AwsJson.mapper().convertValue(AwsJson.mapper().valueToTree(stored), StoredTask.class))
          .isEqualTo(stored);
    }
  }

  private static void check(String operation, Object response) {
    JsonNode json = AwsJson.mapper().valueToTree(response);
    assertThat(ShapeValidator.forOutput().validate(MODEL.outputShape(operation).orElseThrow(), json))
        .as(operation + " " + json).isEmpty();
  }
}
