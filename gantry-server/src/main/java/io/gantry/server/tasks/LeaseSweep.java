package io.gantry.server.tasks;

import io.gantry.model.Scope;
import io.gantry.server.network.AddressAllocator;
import io.gantry.server.network.IpLease;
import io.gantry.server.state.EntityStore;
import io.gantry.store.KeyValue;
import io.gantry.store.Txn;
import java.util.Optional;

/**
 * Deletes stale address leases: those whose task record is gone or STOPPED (a lease is normally
 * deleted in the transaction that stops its task; this catches tasks removed or stopped some other
 * way). Each deletion is conditioned on the lease's revision. Leases are created with their task
 * in one transaction, so a lease whose task is absent is never a launch in progress. Pure store
 * work; thread-safe.
 */
final class LeaseSweep {
  private final EntityStore store;
  private final TaskRecords records;

  LeaseSweep(EntityStore store) {
    this.store = store;
    this.records = new TaskRecords(store);
  }

  /** Deletes every stale lease; returns how many went. */
  int sweep() {
    int removed = 0;
    for (KeyValue kv : store.kv().range(AddressAllocator.PREFIX)) {
      IpLease lease;
      try {
        lease = store.decode(kv, IpLease.class).value();
      } catch (RuntimeException e) {
        continue;
      }
      if (live(lease.taskArn())) {
        continue;
      }
      Txn txn = Txn.builder().modRevisionIs(kv.key(), kv.modRevision()).delete(kv.key()).build();
      if (store.commit(txn).succeeded()) {
        removed++;
      }
    }
    return removed;
  }

  /** True when the task ({@code arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/ID}) is stored and not STOPPED. */
  private boolean live(String taskArn) {
    String[] arn = taskArn == null ? new String[0] : taskArn.split(":", 6);
    if (arn.length != 6 || !arn[5].startsWith("task/")) {
      return false;
    }
    String[] path = arn[5].split("/");
    if (path.length != 3) {
      return false;
    }
    Optional<StoredTask> task = records.find(new Scope(arn[4], arn[3]), path[1], path[2]).map(v -> v.value());
    return task.isPresent() && !"STOPPED".equals(task.get().task().lastStatus());
  }
}
