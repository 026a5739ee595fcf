package io.gantry.server.tasks;

import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.DesiredStatus;
import io.gantry.model.task.StoppedReasons;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskStopCode;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.EntityStore.Attempt;
import io.gantry.server.state.Versioned;
import java.time.Instant;
import java.util.Optional;

/**
 * StopTask: the task is wanted STOPPED with stop code UserInitiated and the caller's reason (or
 * "Task stopped by user"); its agent stops the containers and reports. A task no agent will act
 * on — not placed, its instance gone, or its instance's agent disconnected before it ever
 * reported on the task — is STOPPED at once and gives back what it held. Stopping a task already
 * wanted STOPPED changes nothing. Thread-safe.
 */
final class TaskStopper {
  private final EntityStore store;
  private final TaskRecords records;

  TaskStopper(EntityStore store) {
    this.store = store;
    this.records = new TaskRecords(store);
  }

  Task stop(Scope scope, String cluster, String ref, String reason, Instant now) {
    if (!TaskRefs.wellFormed(ref)) {
      throw TaskErrors.invalidId();
    }
    String id = TaskRefs.id(scope, cluster, ref).orElseThrow(TaskErrors::notFound);
    return stop(scope, cluster, id, TaskStopCode.USER_INITIATED, StoppedReasons.userStop(reason), false, now)
        .orElseThrow(TaskErrors::notFound);
  }

  /**
   * Wants task {@code id} STOPPED with {@code code} and {@code reason}; {@code atOnce} marks it
   * STOPPED without waiting for an agent (one that is gone). Empty when there is no such task.
   */
  Optional<Task> stop(Scope scope, String cluster, String id, TaskStopCode code, String reason, boolean atOnce,
      Instant now) {
    return store.retry(attempt -> {
      Optional<Versioned<StoredTask>> found = records.find(scope, cluster, id);
      if (found.isEmpty()) {
        return new Attempt<>(null, Optional.<Task>empty());
      }
      Versioned<StoredTask> current = found.get();
      Task task = current.value().task();
      boolean stopped = "STOPPED".equals(task.lastStatus());
      if (stopped || (DesiredStatus.STOPPED.name().equals(task.desiredStatus()) && !atOnce)) {
        return new Attempt<>(null, Optional.of(task));
      }
      Task next = task;
      if (!DesiredStatus.STOPPED.name().equals(task.desiredStatus())) {
        next = task.toBuilder()
            .desiredStatus(DesiredStatus.STOPPED.name())
            .stopCode(code.wireName())
            .stoppedReason(reason)
            .stoppingAt(now)
            .build();
      }
      if (atOnce || noAgentWillAct(scope, cluster, current.value())) {
        next = TaskProgress.stoppedNow(next, now);
      }
      next = next.withVersion(TaskProgress.nextVersion(task));
      return new Attempt<>(records.update(current, current.value().with(next)), Optional.of(next));
    });
  }

  private boolean noAgentWillAct(Scope scope, String cluster, StoredTask stored) {
    Optional<Versioned<ContainerInstance>> instance = stored.managed()
        ? io.gantry.server.placement.ManagedCapacity.instanceKey(stored.managedInstanceArn())
            .flatMap(key -> records.instanceAt(key))
        : records.instance(scope, cluster, stored.containerInstanceId());
    if (instance.isEmpty()) {
      return true;
    }
    return !Boolean.TRUE.equals(instance.get().value().agentConnected()) && stored.task().connectivityAt() == null;
  }
}
