package io.gantry.server.tasks;

import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.TaskStatus;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.store.Txn;
import java.util.List;
import java.util.Optional;

/**
 * Reads stored tasks and writes their changes together with what the changes do to the instance
 * under them: a move between pending, running and stopped adjusts the instance's task counts, and
 * reaching STOPPED gives back the task's CPU, memory and host ports, in the same transaction and
 * conditioned on both records' revisions. Because the task's own revision is checked, a task
 * reaches STOPPED, and releases what it held, exactly once. Thread-safe.
 */
final class TaskRecords {
  private final EntityStore store;

  TaskRecords(EntityStore store) {
    this.store = store;
  }

  Optional<Versioned<StoredTask>> find(Scope scope, String cluster, String id) {
    return store.get(TaskRefs.key(scope, cluster, id), StoredTask.class);
  }

  List<Versioned<StoredTask>> all(Scope scope, String cluster) {
    return store.list(StateKeys.tasks(scope, cluster), StoredTask.class);
  }

  Optional<Versioned<ContainerInstance>> instance(Scope scope, String cluster, String instanceId) {
    return instanceId == null ? Optional.empty()
        : store.get(StateKeys.containerInstance(scope, cluster, instanceId), ContainerInstance.class);
  }

  /** The transaction that replaces {@code current} with {@code next} and moves the instance's counts and resources. */
  Txn update(Scope scope, String cluster, Versioned<StoredTask> current, StoredTask next) {
    Txn.Builder txn = Txn.builder()
        .modRevisionIs(current.key(), current.modRevision())
        .put(current.key(), store.encode(next));
    TaskStatus from = status(current.value());
    TaskStatus to = status(next);
    if (InstanceCapacity.Hold.of(from) != InstanceCapacity.Hold.of(to)) {
      Optional<Versioned<ContainerInstance>> instance = instance(scope, cluster, current.value().containerInstanceId());
      if (instance.isPresent()) {
        TaskDemand demand = TaskDemand.of(current.value().task(), current.value().reservedHostPorts());
        ContainerInstance moved = InstanceCapacity.transition(instance.get().value(), demand, from, to);
        txn.modRevisionIs(instance.get().key(), instance.get().modRevision())
            .put(instance.get().key(), store.encode(moved));
      }
    }
    return txn.build();
  }

  static TaskStatus status(StoredTask stored) {
    return TaskStatus.parse(stored.task().lastStatus()).orElse(TaskStatus.PENDING);
  }
}
