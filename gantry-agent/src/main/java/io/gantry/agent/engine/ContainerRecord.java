package io.gantry.agent.engine;

import io.gantry.model.task.ContainerStatus;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.NetworkBinding;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the engine knows about one container of a task, as persisted: where it is in its life
 * ({@link Phase}), its runtime id and name once created, how it ended, its health, the host ports
 * it was bound to, when the engine saw it start, and how often the restart policy restarted it.
 * Immutable; the methods return changed copies.
 */
record ContainerRecord(
    String name,
    Phase phase,
    String runtimeId,
    String runtimeName,
    Integer exitCode,
    String reason,
    HealthStatus health,
    List<NetworkBinding> networkBindings,
    Instant startedAt,
    int restartCount,
    Instant lastRestartAt) {

  /**
   * The agent's view of a container: WAITING (not created: images, volumes or dependencies
   * pending), CREATED (exists in the runtime, not started), STARTING (started, but the runtime
   * has not shown it running yet; its Started event settles it), RUNNING (started; a restart in
   * place keeps it RUNNING), STOPPED (terminal; with an exit code if it ran).
   */
  enum Phase {
    WAITING,
    CREATED,
    STARTING,
    RUNNING,
    STOPPED
  }

  ContainerRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(phase, "phase");
    health = health == null ? HealthStatus.UNKNOWN : health;
    networkBindings = networkBindings == null ? List.of() : List.copyOf(networkBindings);
  }

  static ContainerRecord waiting(String name) {
    return new ContainerRecord(name, Phase.WAITING, null, null, null, null, HealthStatus.UNKNOWN,
        List.of(), null, 0, null);
  }

  /** Not known to have started yet: WAITING, CREATED or STARTING. */
  boolean pending() {
    return phase == Phase.WAITING || phase == Phase.CREATED || phase == Phase.STARTING;
  }

  /** May be started: WAITING or CREATED. */
  boolean startable() {
    return phase == Phase.WAITING || phase == Phase.CREATED;
  }

  /** Has a process the runtime may be running: STARTING or RUNNING. */
  boolean live() {
    return phase == Phase.STARTING || phase == Phase.RUNNING;
  }

  boolean stopped() {
    return phase == Phase.STOPPED;
  }

  /** Started at some point: RUNNING, or STOPPED with an exit code. */
  boolean started() {
    return phase == Phase.RUNNING || (phase == Phase.STOPPED && exitCode != null);
  }

  /** The ECS container status this phase shows as. */
  ContainerStatus status() {
    return switch (phase) {
      case WAITING, CREATED, STARTING -> ContainerStatus.PENDING;
      case RUNNING -> ContainerStatus.RUNNING;
      case STOPPED -> ContainerStatus.STOPPED;
    };
  }

  /** Created in the runtime under {@code id}; a WAITING container becomes CREATED. */
  ContainerRecord created(String id, String newRuntimeName) {
    Phase next = phase == Phase.WAITING ? Phase.CREATED : phase;
    return new ContainerRecord(name, next, id, newRuntimeName == null ? runtimeName : newRuntimeName,
        exitCode, reason, health, networkBindings, startedAt, restartCount, lastRestartAt);
  }

  /** Exists in the runtime but has not started (a start that never happened). */
  ContainerRecord notStarted() {
    return new ContainerRecord(name, Phase.CREATED, runtimeId, runtimeName, exitCode, reason, health,
        networkBindings, startedAt, restartCount, lastRestartAt);
  }

  /** Started, not yet seen running. */
  ContainerRecord starting() {
    return new ContainerRecord(name, Phase.STARTING, runtimeId, runtimeName, exitCode, reason, health,
        networkBindings, startedAt, restartCount, lastRestartAt);
  }

  /** Started (seen running at {@code at}) with these host port bindings. */
  ContainerRecord running(List<NetworkBinding> bindings, Instant at) {
    return new ContainerRecord(name, Phase.RUNNING, runtimeId, runtimeName, null, null, health,
        bindings, startedAt == null ? at : startedAt, restartCount, lastRestartAt);
  }

  /** Running again after a restart in place, with the bindings the runtime gave it this time. */
  ContainerRecord rebound(List<NetworkBinding> bindings) {
    return new ContainerRecord(name, phase, runtimeId, runtimeName, exitCode, reason, health,
        bindings, startedAt, restartCount, lastRestartAt);
  }

  /** Stopped; {@code code} is null when it never ran. */
  ContainerRecord exited(Integer code, String why) {
    return new ContainerRecord(name, Phase.STOPPED, runtimeId, runtimeName, code, why, health,
        networkBindings, startedAt, restartCount, lastRestartAt);
  }

  /** Will never start: STOPPED without an exit code, for {@code why}. */
  ContainerRecord failed(String why) {
    return exited(null, why);
  }

  /** Restarted in place by the restart policy at {@code at}. */
  ContainerRecord restarting(Instant at) {
    return new ContainerRecord(name, phase, runtimeId, runtimeName, exitCode, reason, health,
        networkBindings, startedAt, restartCount + 1, at);
  }

  ContainerRecord withHealth(HealthStatus newHealth) {
    return new ContainerRecord(name, phase, runtimeId, runtimeName, exitCode, reason, newHealth,
        networkBindings, startedAt, restartCount, lastRestartAt);
  }
}
