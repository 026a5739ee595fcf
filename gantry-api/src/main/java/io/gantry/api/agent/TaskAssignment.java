package io.gantry.api.agent;

import io.gantry.model.task.Task;
import io.gantry.model.taskdef.TaskDefinition;
import java.util.Map;

/**
 * One task the control plane wants on an instance: the task as stored (its desiredStatus says
 * run or stop), the task definition it runs, and the host ports reserved for it by container
 * name and container port ("web/8080" → 8080), so the agent publishes what was planned.
 */
public record TaskAssignment(Task task, TaskDefinition taskDefinition, Map<String, Integer> reservedHostPorts) {
  public TaskAssignment {
    reservedHostPorts = reservedHostPorts == null ? Map.of() : Map.copyOf(reservedHostPorts);
  }
}
