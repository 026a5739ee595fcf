package io.gantry.api.agent;

import io.gantry.model.task.Task;
import io.gantry.model.taskdef.TaskDefinition;
import java.util.Map;

/**
 * One task the control plane wants on an instance: the task as stored (its desiredStatus says
 * run or stop), the task definition it runs, and the host ports reserved for it by container
 * name and container port ("web/8080" → 8080), so the agent publishes what was planned.
 * {@code stopTimeoutSeconds}, when set, replaces every container's stop timeout (the time
 * between SIGTERM and SIGKILL): the control plane sets it to the Spot warning period for an
 * interrupted FARGATE_SPOT task.
 */
public record TaskAssignment(Task task, TaskDefinition taskDefinition, Map<String, Integer> reservedHostPorts,
    Integer stopTimeoutSeconds) {
  public TaskAssignment {
    reservedHostPorts = reservedHostPorts == null ? Map.of() : Map.copyOf(reservedHostPorts);
  }

  public TaskAssignment(Task task, TaskDefinition taskDefinition, Map<String, Integer> reservedHostPorts) {
    this(task, taskDefinition, reservedHostPorts, null);
  }
}
