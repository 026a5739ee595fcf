package io.gantry.agent.engine;

import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.ContainerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the containers found in the runtime by their task-ARN label, after an agent restart, into
 * what the engine knows about their task: a container found is adopted (never created again); one
 * that exited while the agent was down is handled as an exit now (restart policy, or STOPPED with
 * its exit code); one the engine had created or started but that is gone is STOPPED. Pure.
 */
final class Adoption {
  static final String GONE = "CannotInspectContainerError: the container no longer exists";

  private Adoption() {}

  static TaskReconciler.Step adopt(TaskRecord task, List<ContainerState> found, Instant now) {
    TaskRecord t = task;
    List<TaskAction> actions = new ArrayList<>();
    for (ContainerRecord c : task.containers()) {
      ContainerState state = pick(c, found);
      if (state == null) {
        if (c.phase() == ContainerRecord.Phase.CREATED || c.phase() == ContainerRecord.Phase.RUNNING) {
          t = t.withContainer(c.exited(null, GONE));
        }
        continue;
      }
      ContainerRecord adopted = c.created(state.runtimeId(), state.name());
      if (adopted.stopped()) {
        t = t.withContainer(adopted);
        continue;
      }
      boolean ran = state.startedAt() != null || state.exitCode() != null;
      if (state.status() == ContainerStatus.RUNNING) {
        adopted = adopted.running(Reports.bindings(state), c.startedAt() == null ? state.startedAt() : c.startedAt())
            .withHealth(Reports.health(state.health()));
        t = t.withContainer(adopted);
      } else if (state.status() == ContainerStatus.STOPPED && ran) {
        if (adopted.pending()) {
          adopted = adopted.running(Reports.bindings(state), state.startedAt() == null ? now : state.startedAt());
        }
        t = t.withContainer(adopted);
        TaskReconciler.Step exit = TaskReconciler.exited(t, c.name(), state.exitCode(), null, now);
        t = exit.record();
        actions.addAll(exit.actions());
      } else {
        t = t.withContainer(adopted.pending() ? adopted.notStarted() : adopted);
      }
    }
    return new TaskReconciler.Step(t, actions);
  }

  /** The container's own runtime id if found, else a running one, else any, with its name label. */
  private static ContainerState pick(ContainerRecord c, List<ContainerState> found) {
    ContainerState any = null;
    for (ContainerState s : found) {
      if (!c.name().equals(s.labels().get(ContainerLabels.CONTAINER_NAME))) {
        continue;
      }
      if (s.runtimeId().equals(c.runtimeId())) {
        return s;
      }
      if (any == null || (s.running() && !any.running())) {
        any = s;
      }
    }
    return any;
  }
}
