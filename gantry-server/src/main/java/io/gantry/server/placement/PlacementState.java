package io.gantry.server.placement;

import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.store.KeyValue;
import io.gantry.store.Watch;
import io.gantry.store.WatchEvent;
import io.gantry.store.WatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ClusterLedger} of every cluster, loaded from the store at start and kept current by
 * one watch on the whole key space: container-instance records replace the ledger's copy, task
 * records replace what the task holds (nothing once STOPPED). {@link #awaitCurrent} lets a caller
 * see every write acknowledged before it started, so placement and DescribeContainerInstances
 * read their own writes.
 *
 * <p>Threading: watch events are applied on the store's watch thread; every other method may be
 * called from any thread.
 */
public final class PlacementState implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PlacementState.class);
  private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(5);

  private final EntityStore store;
  private final Function<KeyValue, Optional<Held>> holdOf;
  private final Map<String, ClusterLedger> ledgers = new ConcurrentHashMap<>();
  private final Map<String, ClusterLedger> managed = new ConcurrentHashMap<>();
  /** Store key of every task that holds something on a managed node, by task id. */
  private final Map<String, String> managedTaskKeys = new ConcurrentHashMap<>();
  /** Store key of every FARGATE_SPOT task that may still be interrupted, by task id. */
  private final Map<String, String> preemptible = new ConcurrentHashMap<>();
  private final Map<String, Expected> expected = new ConcurrentHashMap<>();
  private final Object progress = new Object();
  private long appliedRevision;
  private volatile Watch watch;
  private final java.util.concurrent.CountDownLatch loaded = new java.util.concurrent.CountDownLatch(1);
  private volatile RuntimeException loadFailure;

  /** {@code holdOf} reads what a stored task record holds and where (empty once the task is STOPPED). */
  public PlacementState(EntityStore store, Function<KeyValue, Optional<Held>> holdOf) {
    this.store = store;
    this.holdOf = holdOf;
  }

  /** Loads every instance and task at one revision, then follows the changes after it. */
  public PlacementState start() {
    load();
    loaded.countDown();
    return this;
  }

  /**
   * {@link #start} on a thread of its own, so the control plane can answer requests that do not
   * place anything while a large store loads; every method that reads the ledgers waits for it.
   */
  public PlacementState startInBackground() {
    Thread loader = new Thread(() -> {
      long began = System.nanoTime();
      try {
        load();
        log.info("placement state loaded in {} ms", (System.nanoTime() - began) / 1_000_000);
      } catch (RuntimeException e) {
        loadFailure = e;
        log.error("placement state could not be loaded; placements will fail", e);
      } finally {
        loaded.countDown();
      }
    }, "gantry-placement-load");
    loader.setDaemon(true);
    loader.start();
    return this;
  }

  /** Blocks until the first load has finished. */
  private void awaitLoaded() {
    try {
      loaded.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the placement state loads", e);
    }
    if (loadFailure != null) {
      throw new IllegalStateException("the placement state could not be loaded", loadFailure);
    }
  }

  /**
   * Reads every record at the store's current revision and watches from there. Also how the
   * state recovers when its watch fell behind the store's compaction (etcd): records are read
   * again (a record deleted meanwhile keeps its last state here until it is written again).
   */
  private void load() {
    long revision = store.kv().revision();
    List<KeyValue> all = store.kv().range("ecs/");
    for (boolean instances : new boolean[] {true, false}) { // instances first: a task may sort before its managed node
      for (KeyValue kv : all) {
        if (kv.modRevision() <= revision && instances == kv.key().contains("/instance/")) {
          apply(WatchEvent.Type.PUT, kv);
        }
      }
    }
    markApplied(revision);
    // Every key, not only ecs/: awaitCurrent waits for the store revision, which writes to any
    // key move.
    watch = store.kv().watch("", revision, new WatchListener() {
      @Override
      public void onEvent(WatchEvent event) {
        apply(event.type(), event.kv());
        markApplied(event.kv().modRevision());
      }

      @Override
      public void onCompacted(long compactedRevision) {
        log.warn("placement state missed changes up to revision {} (compacted); reloading", compactedRevision);
        load();
      }
    });
  }

  /** A record about to be written whose hold is already known, so its watch event needs no decoding. */
  private record Expected(byte[] value, Held hold) {}

  /**
   * Says that task record {@code key} is about to be written as {@code value}, holding {@code
   * hold}: when the store reports exactly that write, the ledger takes the hold without decoding
   * the record. Call {@link #forget} when the write did not happen.
   */
  public void expect(String key, byte[] value, Held hold) {
    expected.put(key, new Expected(value, hold));
  }

  public void forget(String key) {
    expected.remove(key);
  }

  /** The ledger of {@code cluster} (empty until the cluster has instances or tasks). */
  public ClusterLedger ledger(Scope scope, String cluster) {
    awaitLoaded();
    return ledgerOf(scope, cluster);
  }

  private ClusterLedger ledgerOf(Scope scope, String cluster) {
    if (ManagedCapacity.isManaged(cluster)) {
      return managedLedgerOf(scope.region()); // the operator's view of the managed nodes and what they run
    }
    return ledgers.computeIfAbsent(StateKeys.scope(scope) + cluster, k -> new ClusterLedger());
  }

  /**
   * The ledger of the managed capacity of {@code region}: the managed nodes registered there and
   * what the FARGATE tasks of every cluster placed on them hold.
   */
  public ClusterLedger managedLedger(String region) {
    awaitLoaded();
    return managedLedgerOf(region);
  }

  private ClusterLedger managedLedgerOf(String region) {
    return managed.computeIfAbsent(region, k -> new ClusterLedger());
  }

  /** The store keys of the tasks (of any cluster) holding something on managed node {@code instanceId}. */
  public List<String> managedTaskKeys(String region, String instanceId) {
    awaitLoaded();
    List<String> out = new ArrayList<>();
    for (String id : managedLedgerOf(region).taskIds(instanceId)) {
      String key = managedTaskKeys.get(id);
      if (key != null) {
        out.add(key);
      }
    }
    return out;
  }

  /** The store key of FARGATE_SPOT task {@code taskId} when it may still be interrupted. */
  public Optional<String> preemptibleKey(String taskId) {
    awaitLoaded();
    return Optional.ofNullable(preemptible.get(taskId));
  }

  /**
   * Waits until every write committed before this call is in the ledgers. Gives up quietly after
   * a few seconds (the ledgers are then at most that far behind), so a stuck watch slows callers
   * rather than stopping them.
   */
  public void awaitCurrent() {
    awaitLoaded();
    long wanted = store.kv().revision();
    long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
    synchronized (progress) {
      while (appliedRevision < wanted) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          log.warn("placement state is behind the store: at revision {}, wanted {}", appliedRevision, wanted);
          return;
        }
        try {
          progress.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void markApplied(long revision) {
    synchronized (progress) {
      if (revision > appliedRevision) {
        appliedRevision = revision;
        progress.notifyAll();
      }
    }
  }

  private void apply(WatchEvent.Type type, KeyValue kv) {
    // ecs/ACCOUNT/REGION/KIND/CLUSTER/ID
    String[] parts = kv.key().split("/", 6);
    if (parts.length != 6 || !(parts[3].equals("instance") || parts[3].equals("task"))) {
      return;
    }
    ClusterLedger ledger = ledgerOf(new Scope(parts[1], parts[2]), parts[4]);
    String id = parts[5];
    try {
      if (parts[3].equals("instance")) {
        if (type == WatchEvent.Type.DELETE) {
          ledger.removeInstance(id);
        } else {
          ledger.putInstance(id, store.decode(kv, ContainerInstance.class));
        }
      } else if (type == WatchEvent.Type.DELETE) {
        ledger.removeHold(id);
        forgetManaged(parts[2], id, ledger);
      } else {
        Expected known = expected.remove(kv.key());
        Optional<Held> hold = known != null && java.util.Arrays.equals(known.value(), kv.value())
            ? Optional.of(known.hold()) : holdOf.apply(kv);
        if (hold.isPresent() && hold.get().managed()) {
          ledger.removeHold(id);
          managedTaskKeys.put(id, kv.key());
          if (hold.get().preemptible()) {
            preemptible.put(id, kv.key());
          } else {
            preemptible.remove(id);
          }
          managedLedgerOf(parts[2]).putHold(hold.get().hold());
          ledger.putElsewhere(id, hold.get().hold().running());
        } else if (hold.isPresent()) {
          forgetManaged(parts[2], id, ledger);
          ledger.putHold(hold.get().hold());
        } else {
          ledger.removeHold(id);
          forgetManaged(parts[2], id, ledger);
        }
      }
    } catch (RuntimeException e) {
      log.error("cannot apply the record at {} to the placement state", kv.key(), e);
    }
  }

  private void forgetManaged(String region, String id, ClusterLedger ledger) {
    if (managedTaskKeys.remove(id) != null) {
      managedLedgerOf(region).removeHold(id);
      ledger.removeElsewhere(id);
    }
    preemptible.remove(id);
  }

  @Override
  public void close() {
    if (watch != null) {
      watch.close();
    }
  }
}
