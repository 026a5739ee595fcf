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
    return store.retry(attempt -> {
      Versioned<StoredTask> current = records.find(scope, cluster, id).orElseThrow(TaskErrors::notFound);
      Task task = current.value().task();
      if (DesiredStatus.STOPPED.name().equals(task.desiredStatus())) {
        return new Attempt<>(null, task);
      }
      Task next = task.toBuilder()
          .desiredStatus(DesiredStatus.STOPPED.name())
          .stopCode(TaskStopCode.USER_INITIATED.wireName())
          .stoppedReason(StoppedReasons.userStop(reason))
          .stoppingAt(now)
          .version(TaskProgress.nextVersion(task))
          .build();
      if (noAgentWillAct(scope, cluster, current.value())) {
        next = TaskProgress.stoppedNow(next, now);
      }
      return new Attempt<>(records.update(current, current.value().with(next)), next);
    });
  }

  private boolean noAgentWillAct(Scope scope, String cluster, StoredTask stored) {
    Optional<Versioned<ContainerInstance>> instance = records.instance(scope, cluster, stored.containerInstanceId());
    if (instance.isEmpty()) {
      return true;
    }
    return !Boolean.TRUE.equals(instance.get().value().agentConnected()) && stored.task().connectivityAt() == null;
  }
}
