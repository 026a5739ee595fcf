package io.gantry.agent.runtime.fake;

import io.gantry.agent.runtime.ContainerSpec;
import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.ContainerStatus;
import io.gantry.agent.runtime.ContainerSummary;
import io.gantry.agent.runtime.HealthStatus;
import io.gantry.agent.runtime.NetworkBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The mutable state of one fake container. Owned by {@link FakeRuntime} and only touched under
 * its lock; {@code generation} invalidates scheduled transitions of an earlier run.
 */
final class FakeContainer {
  final String id;
  final ContainerSpec spec;
  final FakeBehavior behavior;
  ContainerStatus status = ContainerStatus.CREATED;
  Integer exitCode;
  HealthStatus health = HealthStatus.NONE;
  Instant startedAt;
  Instant finishedAt;
  List<NetworkBinding> bindings = List.of();
  boolean oomKilled;
  String error;
  long generation;
  boolean startPending;
  Duration lastStopTimeout;

  FakeContainer(String id, ContainerSpec spec, FakeBehavior behavior) {
    this.id = id;
    this.spec = spec;
    this.behavior = behavior;
  }

  ContainerState state() {
    return new ContainerState(id, spec.name(), spec.image(), status, exitCode, health, startedAt,
        finishedAt, status == ContainerStatus.RUNNING ? bindings : List.of(), oomKilled, error,
        spec.labels());
  }

  ContainerSummary summary() {
    return new ContainerSummary(id, spec.name(), spec.image(), status, spec.labels());
  }
}
