package io.gantry.api.ecs.task;

import io.gantry.model.Failure;
import io.gantry.model.task.Task;
import java.util.List;

/**
 * The output of RunTask, StartTask and DescribeTasks (three ECS shapes with the same members):
 * the tasks, and per-item failures (tasks that could not be placed, or were not found).
 */
public record TasksResponse(List<Failure> failures, List<Task> tasks) {
  public TasksResponse {
    failures = failures == null ? List.of() : List.copyOf(failures);
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }
}
