package io.gantry.model.task;

import io.gantry.model.taskdef.EphemeralStorage;
import java.util.List;

/**
 * What RunTask or StartTask changes for one launch of a task definition (ECS {@code
 * TaskOverride}): task-level size and roles, and per-container overrides. A task carries it as
 * {@code overrides}. Immutable.
 */
public record TaskOverride(
    List<ContainerOverride> containerOverrides,
    String cpu,
    List<InferenceAcceleratorOverride> inferenceAcceleratorOverrides,
    String executionRoleArn,
    String memory,
    String taskRoleArn,
    EphemeralStorage ephemeralStorage) {

  public TaskOverride {
    containerOverrides = WireCollections.list(containerOverrides);
    inferenceAcceleratorOverrides = WireCollections.list(inferenceAcceleratorOverrides);
  }
}
