package io.gantry.model.task;

import io.gantry.model.KeyValuePair;
import io.gantry.model.taskdef.EnvironmentFile;
import io.gantry.model.taskdef.ResourceRequirement;
import java.util.List;

/**
 * What RunTask or StartTask changes for one named container of the task definition (ECS {@code
 * ContainerOverride}). Absent members leave the definition's value in place. Immutable.
 */
public record ContainerOverride(
    String name,
    List<String> command,
    List<KeyValuePair> environment,
    List<EnvironmentFile> environmentFiles,
    Integer cpu,
    Integer memory,
    Integer memoryReservation,
    List<ResourceRequirement> resourceRequirements) {

  public ContainerOverride {
    command = WireCollections.list(command);
    environment = WireCollections.list(environment);
    environmentFiles = WireCollections.list(environmentFiles);
    resourceRequirements = WireCollections.list(resourceRequirements);
  }
}
