package io.gantry.agent.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * A container found by {@link ContainerRuntime#list}: enough to adopt it after an agent restart
 * by its task-ARN and container-name labels.
 */
public record ContainerSummary(
    String runtimeId, String name, String image, ContainerStatus status, Map<String, String> labels) {
  public ContainerSummary {
    Objects.requireNonNull(runtimeId, "runtimeId");
    Objects.requireNonNull(status, "status");
    labels = Map.copyOf(labels);
  }
}
