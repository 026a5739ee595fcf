package io.gantry.agent.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a runtime needs to create one container of a task, already resolved: the runtime
 * name, image, labels (the user's {@code dockerLabels} plus Gantry's own), process, resources,
 * networking, security, storage, health check and stop timeout. Built by {@link ContainerSpecs};
 * immutable.
 */
public record ContainerSpec(
    String name,
    String image,
    Map<String, String> labels,
    ProcessSpec process,
    ResourceSpec resources,
    NetworkSpec network,
    SecuritySpec security,
    StorageSpec storage,
    HealthCheckSpec healthCheck,
    Duration stopTimeout) {

  public ContainerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    labels = Copies.orderedMap(labels);
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
  }

  /** The task this container belongs to, from its {@link ContainerLabels#TASK_ARN} label. */
  public String taskArn() {
    return labels.get(ContainerLabels.TASK_ARN);
  }

  /** The container's name in its task definition, from {@link ContainerLabels#CONTAINER_NAME}. */
  public String containerName() {
    return labels.get(ContainerLabels.CONTAINER_NAME);
  }
}
