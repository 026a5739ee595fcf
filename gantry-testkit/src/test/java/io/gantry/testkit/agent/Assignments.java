package io.gantry.testkit.agent;

import io.gantry.api.agent.TaskAssignment;
import io.gantry.api.json.AwsJson;
import io.gantry.model.task.Task;
import io.gantry.model.taskdef.TaskDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Task assignments for agent tests, written as the wire JSON of their task and task definition. */
final class Assignments {
  static final String PREFIX = "arn:aws:ecs:us-east-1:000000000000:";

  private Assignments() {}

  static String taskArn(String id) {
    return PREFIX + "task/sim/" + id;
  }

  /** Task {@code id} wanted {@code desired}, running {@code containersJson} (the containerDefinitions array). */
  static TaskAssignment task(String id, String desired, String containersJson, Map<String, Integer> ports) {
    return task(id, desired, null, containersJson, ports);
  }

  static TaskAssignment task(String id, String desired, String stopCode, String containersJson,
      Map<String, Integer> ports) {
    String td = "{\"family\":\"fam\",\"revision\":1,\"taskDefinitionArn\":\"" + PREFIX + "task-definition/fam:1\","
        + "\"networkMode\":\"bridge\",\"containerDefinitions\":" + containersJson + "}";
    String task = "{\"taskArn\":\"" + taskArn(id) + "\",\"desiredStatus\":\"" + desired + "\",\"lastStatus\":\"PENDING\","
        + "\"taskDefinitionArn\":\"" + PREFIX + "task-definition/fam:1\""
        + (stopCode == null ? "" : ",\"stopCode\":\"" + stopCode + "\",\"stoppedReason\":\"Task stopped by user\"")
        + "}";
    try {
      return new TaskAssignment(AwsJson.mapper().readValue(task, Task.class),
          AwsJson.mapper().readValue(td, TaskDefinition.class), ports);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One essential container {@code app} with these environment variables (name, value, name, value…). */
  static String app(String... env) {
    StringBuilder vars = new StringBuilder();
    for (int i = 0; i < env.length; i += 2) {
      vars.append(i == 0 ? "" : ",").append("{\"name\":\"").append(env[i]).append("\",\"value\":\"")
          .append(env[i + 1]).append("\"}");
    }
    return "[{\"name\":\"app\",\"image\":\"busybox\",\"essential\":true,\"environment\":[" + vars + "]}]";
  }
}
