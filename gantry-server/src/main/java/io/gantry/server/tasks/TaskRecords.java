package io.gantry.server.tasks;

import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.TaskStatus;
import io.gantry.server.network.AddressAllocator;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.store.Txn;
import java.util.List;
import java.util.Optional;

/**
 * Reads stored tasks and writes their changes, each conditioned on the task's revision. What a
 * task holds on its instance is not written to the instance: the placement state derives it
 * from the task records (see {@link io.gantry.server.placement.PlacementState}). The update that
 * records an awsvpc task STOPPED also deletes its address lease. Thread-safe.
 */
final class TaskRecords {
  private final EntityStore store;

  TaskRecords(EntityStore store) {
    this.store = store;
  }

  Optional<Versioned<StoredTask>> find(Scope scope, String cluster, String id) {
    return store.get(TaskRefs.key(scope, cluster, id), StoredTask.class);
  }

  /** Every task of the cluster, decoded only as far as ListTasks needs. */
  List<Versioned<TaskListing>> listings(Scope scope, String cluster) {
    return store.list(StateKeys.tasks(scope, cluster), TaskListing.class);
  }

  List<Versioned<StoredTask>> all(Scope scope, String cluster) {
    return store.list(StateKeys.tasks(scope, cluster), StoredTask.class);
  }

  Optional<Versioned<ContainerInstance>> instance(Scope scope, String cluster, String instanceId) {
    return instanceId == null ? Optional.empty()
        : store.get(StateKeys.containerInstance(scope, cluster, instanceId), ContainerInstance.class);
  }

  Optional<Versioned<ContainerInstance>> instanceAt(String key) {
    return store.get(key, ContainerInstance.class);
  }

  /**
   * The transaction that replaces {@code current} with {@code next}, conditioned on its revision;
   * what the task holds on its instance follows from the record ({@link StoredTask#hold}).
   */
  Txn update(Versioned<StoredTask> current, StoredTask next) {
    Txn.Builder txn = Txn.builder()
        .modRevisionIs(current.key(), current.modRevision())
        .put(current.key(), store.encode(next));
    if (next.network() != null && status(next) == TaskStatus.STOPPED && status(current.value()) != TaskStatus.STOPPED) {
      // Only this transaction moves the task to STOPPED, so the lease is still the task's own.
      txn.delete(AddressAllocator.key(next.network().subnetId(), next.network().privateIpv4Address()));
    }
    return txn.build();
  }

  static TaskStatus status(StoredTask stored) {
    return TaskStatus.parse(stored.task().lastStatus()).orElse(TaskStatus.PENDING);
  }
}
