package io.gantry.api.agent;

import io.gantry.model.task.Task;
import io.gantry.model.taskdef.TaskDefinition;
import java.util.Map;

/**
 * One task the control plane wants on an instance: the task as stored (its desiredStatus says
 * run or stop), the task definition it runs, the host ports reserved for it by container
 * name and container port ("web/8080" → 8080), so the agent publishes what was planned, and for
 * an {@code awsvpc} task its {@link TaskNetwork} (null for other network modes; agents that do
 * not know the member ignore it).
 */
public record TaskAssignment(Task task, TaskDefinition taskDefinition, Map<String, Integer> reservedHostPorts,
    TaskNetwork network) {
  public TaskAssignment {
    reservedHostPorts = reservedHostPorts == null ? Map.of() : Map.copyOf(reservedHostPorts);
  }

  /** An assignment without a task network (every network mode but {@code awsvpc}). */
  public TaskAssignment(Task task, TaskDefinition taskDefinition, Map<String, Integer> reservedHostPorts) {
    this(task, taskDefinition, reservedHostPorts, null);
  }
}
