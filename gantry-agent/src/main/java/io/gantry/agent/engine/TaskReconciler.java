package io.gantry.agent.engine;

import io.gantry.model.task.DesiredStatus;
import io.gantry.model.task.TaskStatus;
import io.gantry.model.task.TaskStatusRules;
import io.gantry.model.task.TaskStatusUpdate;
import io.gantry.model.taskdef.ContainerDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The per-task state machine as a pure function: from what the engine knows about a task (its
 * record), which of its actions are still running, and the time, the next record and the runtime
 * actions to take. The task's known status is derived by the model's {@link TaskStatusRules}, so
 * it only moves forward and an essential container that stops stops the task.
 *
 * <p>Wanted RUNNING: prepare images and volumes, then start each container once its dependencies
 * allow ({@link DependencyRules}). Wanted STOPPED: containers never started are STOPPED at
 * once; live ones (starting or running) are stopped in reverse dependency order (a container stops only after every
 * container that depends on it has). An awsvpc task becomes STOPPED only after its pause container
 * is removed. Once STOPPED, the task is cleaned up when its delay is over.
 * Stateless.
 */
final class TaskReconciler {
  private TaskReconciler() {}

  /** A changed record and the actions to run; the record is persisted before they run. */
  record Step(TaskRecord record, List<TaskAction> actions) {
    Step {
      actions = List.copyOf(actions);
    }

    static Step of(TaskRecord record) {
      return new Step(record, List.of());
    }
  }

  static Step next(TaskRecord task, Set<String> busy, Instant now, Duration cleanupDelay) {
    List<TaskAction> actions = new ArrayList<>();
    if (task.known() == TaskStatus.STOPPED) {
      if (task.cleanupAt() != null && !now.isBefore(task.cleanupAt()) && busy.isEmpty()) {
        actions.add(new TaskAction.Cleanup());
      }
      return new Step(task, actions);
    }
    TaskRecord t = task;
    if (t.desired() == DesiredStatus.RUNNING) {
      if (!t.prepared()) {
        if (!busy.contains(TaskAction.PREPARE)) {
          actions.add(new TaskAction.Prepare());
        }
      } else {
        for (ContainerRecord c : t.containers()) {
          if (!c.startable() || busy.contains(c.name())) {
            continue;
          }
          DependencyRules.Verdict verdict = DependencyRules.verdict(t, c.name(), now);
          if (verdict instanceof DependencyRules.Verdict.Ready) {
            actions.add(new TaskAction.Start(c.name()));
          } else if (verdict instanceof DependencyRules.Verdict.Fail fail) {
            t = t.withContainer(c.failed(fail.reason()));
          }
        }
      }
      TaskStatusUpdate update = TaskStatusRules.nextTaskStatus(t.known(), t.desired(), t.taskContainers());
      if (update.desiredStatus() == DesiredStatus.STOPPED) {
        t = t.stopWanted(update.stopCode() == null ? null : update.stopCode().wireName(),
            update.stoppedReason());
        actions.removeIf(a -> a instanceof TaskAction.Start);
      }
    }
    if (t.desired() == DesiredStatus.STOPPED) {
      for (ContainerRecord c : t.containers()) {
        if (c.startable() && !busy.contains(c.name())) {
          t = t.withContainer(c.failed(c.reason()));
        }
      }
      for (ContainerRecord c : t.containers()) {
        if (c.live() && !busy.contains(c.name()) && t.dependentsStopped(c.name())) {
          actions.add(new TaskAction.Stop(c.name()));
        }
      }
    }
    TaskStatusUpdate update = TaskStatusRules.nextTaskStatus(t.known(), t.desired(), t.taskContainers());
    if (update.lastStatus() == TaskStatus.STOPPED && t.awsvpc() && !t.networkGone()) {
      // The address goes back to the control plane when the task is reported STOPPED, so the
      // pause container that holds it on this instance goes first.
      if (!busy.contains(TaskAction.NETWORK)) {
        actions.add(new TaskAction.ReleaseNetwork());
      }
      return new Step(t, actions);
    }
    return new Step(t.knownAs(update.lastStatus(), now, cleanupDelay), actions);
  }

  /**
   * Container {@code name} exited with {@code exitCode} (null: unknown): restarted in place when
   * its restart policy says so (it stays RUNNING), otherwise STOPPED.
   */
  static Step exited(TaskRecord task, String name, Integer exitCode, String reason, Instant now) {
    ContainerRecord c = task.container(name);
    if (c.stopped()) {
      return Step.of(task);
    }
    ContainerDefinition def = task.definition(name);
    if (c.phase() == ContainerRecord.Phase.RUNNING && c.runtimeId() != null
        && RestartRules.shouldRestart(def.restartPolicy(), task.desired(), exitCode, c.startedAt(),
            c.lastRestartAt(), now)) {
      return new Step(task.withContainer(c.restarting(now)), List.of(new TaskAction.Restart(name)));
    }
    return Step.of(task.withContainer(c.exited(exitCode, reason)));
  }
}
