package io.gantry.model.task;

import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the lifecycle rules need to know about one container of a task: from its definition,
 * whether it is essential and has a health check; from its last report, its known status, health,
 * exit code and reason. An exit code means the container ran; a STOPPED container without one
 * never started. Immutable.
 */
public record TaskContainer(
    String name,
    boolean essential,
    boolean healthChecked,
    ContainerStatus status,
    HealthStatus health,
    Integer exitCode,
    String reason) {

  public TaskContainer {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(health, "health");
  }

  /**
   * The facts for {@code container} as defined by {@code definition}. A container not reported
   * yet is PENDING and its health UNKNOWN; a status the rules do not know is refused.
   */
  public static TaskContainer of(ContainerDefinition definition, Container container) {
    ContainerStatus status = container.lastStatus() == null ? ContainerStatus.PENDING
        : ContainerStatus.parse(container.lastStatus()).orElseThrow(() -> new IllegalArgumentException(
            "Unknown container status '" + container.lastStatus() + "' for container " + container.name()));
    HealthStatus health = HealthStatus.parse(container.healthStatus()).orElse(HealthStatus.UNKNOWN);
    return new TaskContainer(container.name(), definition.essentialOrDefault(), definition.healthCheck() != null,
        status, health, container.exitCode(), container.reason());
  }

  /** The facts for each of a task's containers, matched to the definition's containers by name. */
  public static List<TaskContainer> of(TaskDefinition definition, List<Container> containers) {
    List<TaskContainer> out = new ArrayList<>(containers.size());
    for (Container container : containers) {
      ContainerDefinition match = definition.containerDefinitions().stream()
          .filter(d -> d.name().equals(container.name()))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(
              "Container " + container.name() + " is not defined in " + definition.taskDefinitionArn()));
      out.add(of(match, container));
    }
    return List.copyOf(out);
  }
}
