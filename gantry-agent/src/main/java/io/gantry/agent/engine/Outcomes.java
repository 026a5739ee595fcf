package io.gantry.agent.engine;

import io.gantry.agent.runtime.ContainerState;
import java.time.Instant;
import java.util.Map;

/**
 * What an action's outcome means for its task's record: images ready or failed, a container
 * started (or already exited), stopped, restarted or found gone. An exit goes through
 * {@link TaskReconciler#exited}, so the restart policy applies however the exit was noticed. Pure.
 */
final class Outcomes {
  /** ECS's reason for a container the kernel killed for its (or its task's) memory limit. */
  static final String OUT_OF_MEMORY = "OutOfMemoryError: Container killed due to memory usage";
  private Outcomes() {}

  static TaskReconciler.Step apply(TaskRecord task, ActionOutcome outcome, Instant now) {
    if (outcome instanceof ActionOutcome.Prepared p) {
      TaskRecord t = task.preparedAt(p.pullStartedAt(), p.pullStoppedAt());
      for (Map.Entry<String, String> f : p.failures().entrySet()) {
        ContainerRecord c = t.container(f.getKey());
        if (c.pending()) {
          t = t.withContainer(c.failed(f.getValue()));
        }
      }
      return TaskReconciler.Step.of(t);
    }
    if (outcome instanceof ActionOutcome.Started s) {
      ContainerRecord c = task.container(s.key()).created(s.runtimeId(), s.runtimeName());
      return seen(task.withContainer(c), c, s.state(), now);
    }
    if (outcome instanceof ActionOutcome.StartFailed f) {
      ContainerRecord c = task.container(f.key());
      if (f.runtimeId() != null) {
        c = c.created(f.runtimeId(), null);
      }
      return TaskReconciler.Step.of(task.withContainer(c.pending() ? c.failed(f.reason()) : c));
    }
    if (outcome instanceof ActionOutcome.Stopped s) {
      return seen(task, task.container(s.key()), s.state(), now);
    }
    if (outcome instanceof ActionOutcome.Restarted r) {
      return seen(task, task.container(r.key()), r.state(), now);
    }
    if (outcome instanceof ActionOutcome.RestartFailed f) {
      ContainerRecord c = task.container(f.key());
      return TaskReconciler.Step.of(task.withContainer(c.exited(null, f.reason())));
    }
    if (outcome instanceof ActionOutcome.NetworkReleased) {
      return TaskReconciler.Step.of(task.networkReleasedNow());
    }
    if (outcome instanceof ActionOutcome.Inspected i) {
      return seen(task, task.container(i.key()), i.state(), now);
    }
    return TaskReconciler.Step.of(task);
  }

  /** The container as the runtime shows it now: running (with its bindings), exited, or gone. */
  static TaskReconciler.Step seen(TaskRecord task, ContainerRecord c, ContainerState state, Instant now) {
    if (c.stopped()) {
      return TaskReconciler.Step.of(task);
    }
    if (state == null) {
      return TaskReconciler.Step.of(task.withContainer(c.exited(null, Adoption.GONE)));
    }
    switch (state.status()) {
      case RUNNING -> {
        ContainerRecord running = c.pending()
            ? c.running(Reports.bindings(state), now)
            : c.rebound(Reports.bindings(state));
        return TaskReconciler.Step.of(task.withContainer(running.withHealth(Reports.health(state.health()))));
      }
      case STOPPED -> {
        ContainerRecord ran = c.pending() ? c.running(Reports.bindings(state), now) : c;
        return TaskReconciler.exited(task.withContainer(ran), c.name(), state.exitCode(),
            state.oomKilled() ? OUT_OF_MEMORY : null, now);
      }
      default -> {
        // Started but not running yet: the runtime's Started event settles it.
        return TaskReconciler.Step.of(task.withContainer(c.pending() ? c.starting() : c));
      }
    }
  }
}
