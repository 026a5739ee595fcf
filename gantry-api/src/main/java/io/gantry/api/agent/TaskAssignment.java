package io.gantry.api.agent;

import io.gantry.model.task.Task;
import io.gantry.model.taskdef.TaskDefinition;
import java.util.Map;

/**
 * One task the control plane wants on an instance: the task as stored (its desiredStatus says
 * run or stop), the task definition it runs, the host ports reserved for it by container
 * name and container port ("web/8080" → 8080), so the agent publishes what was planned, and for
 * an {@code awsvpc} task its {@link TaskNetwork} (null for other network modes; agents that do
 * not know the member ignore it). {@code stopTimeoutSeconds}, when set, replaces every
 * container's stop timeout (the time between SIGTERM and SIGKILL): the control plane sets it to
 * the Spot warning period for an interrupted FARGATE_SPOT task.
 */
public record TaskAssignment(Task task, TaskDefinition taskDefinition, Map<String, Integer> reservedHostPorts,
    TaskNetwork network, Integer stopTimeoutSeconds) {
  public TaskAssignment {
    reservedHostPorts = reservedHostPorts == null ? Map.of() : Map.copyOf(reservedHostPorts);
  }

  /** An assignment with its task network and the containers' own stop timeouts. */
  public TaskAssignment(Task task, TaskDefinition taskDefinition, Map<String, Integer> reservedHostPorts,
      TaskNetwork network) {
    this(task, taskDefinition, reservedHostPorts, network, null);
  }

  /** An assignment without a task network (every network mode but {@code awsvpc}). */
  public TaskAssignment(Task task, TaskDefinition taskDefinition, Map<String, Integer> reservedHostPorts) {
    this(task, taskDefinition, reservedHostPorts, null, null);
  }
}
