package io.gantry.agent.runtime;

import io.gantry.model.taskdef.Volume;
import java.util.List;
import java.util.Map;

/** Test fixtures for {@link TaskContext}. */
public final class TaskContexts {
  public static final String TASK_ARN =
      "arn:aws:ecs:us-east-1:000000000000:task/default/0123456789abcdef0123456789abcdef";

  private TaskContexts() {}

  /** Task {@code web:3} of cluster {@code default} in {@code mode}, default agent policy. */
  public static TaskContext task(String mode) {
    return new TaskContext(TASK_ARN, "default", "web", 3, mode, List.of(), Map.of(), Map.of(),
        AgentPolicy.defaults());
  }

  public static TaskContext task(String mode, List<Volume> volumes) {
    return new TaskContext(TASK_ARN, "default", "web", 3, mode, volumes, Map.of(), Map.of(),
        AgentPolicy.defaults());
  }
}
