package io.gantry.server.placement;

import java.util.List;

/**
 * What one task that is not STOPPED holds on its container instance: its demand, its task group
 * (for spread, distinctInstance and {@code task:group}), whether it counts as running or pending,
 * and the GPU ids assigned to it. Immutable.
 */
public record TaskHold(String taskId, String instanceId, TaskDemand demand, String group, boolean running,
    List<String> gpuIds) {
  public TaskHold {
    gpuIds = gpuIds == null ? List.of() : List.copyOf(gpuIds);
  }
}
