package io.gantry.agent.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One container as the runtime sees it now. {@code exitCode} and {@code finishedAt} are set once
 * it has stopped, {@code startedAt} once it has started; {@code error} is the runtime's message
 * when a start failed. Immutable.
 */
public record ContainerState(
    String runtimeId,
    String name,
    String image,
    ContainerStatus status,
    Integer exitCode,
    HealthStatus health,
    Instant startedAt,
    Instant finishedAt,
    List<NetworkBinding> networkBindings,
    boolean oomKilled,
    String error,
    Map<String, String> labels) {

  public ContainerState {
    Objects.requireNonNull(runtimeId, "runtimeId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(health, "health");
    networkBindings = List.copyOf(networkBindings);
    labels = Map.copyOf(labels);
  }

  public boolean running() {
    return status == ContainerStatus.RUNNING;
  }
}
