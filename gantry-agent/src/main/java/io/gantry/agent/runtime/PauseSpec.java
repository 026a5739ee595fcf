package io.gantry.agent.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pause container of an awsvpc task: it holds the task's network namespace on the subnet's
 * bridge network with the task's address and MAC, and the task's containers join it. Labelled
 * like the task's containers (task ARN, the container name {@link #CONTAINER_NAME}), so adoption
 * after a restart and clean-up find it. {@code cgroupParent} is the task's cgroup, or null.
 * Immutable.
 */
public record PauseSpec(String name, String image, Map<String, String> labels, String networkName,
    String ipv4Address, String macAddress, String cgroupParent) {
  /** The container-name label of pause containers (the name the Amazon ECS agent gives its own). */
  public static final String CONTAINER_NAME = "~internal~ecs~pause";

  public PauseSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    labels = Copies.orderedMap(labels);
    Objects.requireNonNull(networkName, "networkName");
    Objects.requireNonNull(ipv4Address, "ipv4Address");
  }

  /** The same container as a plain spec (for runtimes without networks, such as the fake one). */
  public ContainerSpec asContainerSpec() {
    return new ContainerSpec(name, image, labels,
        new ProcessSpec(null, null, Map.of(), null, null, false, false, false),
        new ResourceSpec(ResourceSpec.MIN_CPU_SHARES, null, null, null, null, null, List.of(), cgroupParent),
        new NetworkSpec(NetworkSpec.BRIDGE, null, false, List.of(), List.of(), List.of(), List.of(), List.of()),
        new SecuritySpec(false, false, List.of(), List.of(), List.of(), List.of(), Map.of()),
        new StorageSpec(List.of(), List.of(), List.of()), null, Duration.ofSeconds(2));
  }
}
