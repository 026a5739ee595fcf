package io.gantry.server.placement;

import io.gantry.model.instance.ContainerInstance;
import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Node;
import io.gantry.server.state.Versioned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One cluster's container instances (as stored) and what its live tasks hold on each of them:
 * the in-memory truth placement decides on and DescribeContainerInstances shows as remaining
 * resources and task counts. Kept current by {@link PlacementState} from the store's changes, and
 * ahead of the store by the plan applier's provisional holds (a task placed but not yet
 * committed); a hold is keyed by task id, so seeing the committed task again changes nothing.
 *
 * <p>Thread-safe: every method takes the ledger's lock; {@link #atomically} runs a whole
 * check-and-reserve under it.
 */
public final class ClusterLedger {
  private final Map<String, Versioned<ContainerInstance>> instances = new java.util.LinkedHashMap<>();
  private final Map<String, TaskHold> holds = new HashMap<>();
  private final Map<String, InstanceLoad> loads = new HashMap<>();
  private final Map<String, java.util.Set<String>> tasksByInstance = new HashMap<>();
  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<String, Integer> snapshotIndex = new HashMap<>();
  private final java.util.Set<String> dirty = new java.util.HashSet<>();
  private ClusterSnapshot snapshot;
  private int running;
  private int pending;
  /** Tasks of this cluster that hold something on managed capacity (FARGATE), by id: whether each is running. */
  private final Map<String, Boolean> elsewhere = new HashMap<>();
  private int runningElsewhere;

  synchronized void putInstance(String id, Versioned<ContainerInstance> instance) {
    if (instances.put(id, instance) == null) {
      snapshot = null;
    }
    changed(id);
  }

  synchronized void removeInstance(String id) {
    instances.remove(id);
    snapshot = null;
    changed(id);
  }

  private void changed(String instanceId) {
    nodes.remove(instanceId);
    dirty.add(instanceId);
  }

  /** Records what task {@code hold.taskId()} holds now, replacing what it held before. */
  public synchronized void putHold(TaskHold hold) {
    TaskHold before = holds.put(hold.taskId(), hold);
    if (hold.equals(before)) {
      return;
    }
    if (before != null) {
      release(before);
    }
    loads.merge(hold.instanceId(), InstanceLoad.EMPTY.plus(hold), (a, b) -> a.plus(hold));
    changed(hold.instanceId());
    tasksByInstance.computeIfAbsent(hold.instanceId(), k -> new java.util.TreeSet<>()).add(hold.taskId());
    running += hold.running() ? 1 : 0;
    pending += hold.running() ? 0 : 1;
  }

  /** Forgets what task {@code taskId} held (it stopped, or it was never committed). */
  public synchronized void removeHold(String taskId) {
    TaskHold before = holds.remove(taskId);
    if (before != null) {
      release(before);
    }
  }

  private void release(TaskHold hold) {
    changed(hold.instanceId());
    java.util.Set<String> ids = tasksByInstance.get(hold.instanceId());
    if (ids != null && ids.remove(hold.taskId()) && ids.isEmpty()) {
      tasksByInstance.remove(hold.instanceId());
    }
    InstanceLoad next = loads.getOrDefault(hold.instanceId(), InstanceLoad.EMPTY).minus(hold);
    if (next.running() == 0 && next.pending() == 0) {
      loads.remove(hold.instanceId());
    } else {
      loads.put(hold.instanceId(), next);
    }
    running -= hold.running() ? 1 : 0;
    pending -= hold.running() ? 0 : 1;
  }

  /** What task {@code taskId} holds now, if anything. */
  public synchronized Optional<TaskHold> hold(String taskId) {
    return Optional.ofNullable(holds.get(taskId));
  }

  public synchronized InstanceLoad load(String instanceId) {
    return loads.getOrDefault(instanceId, InstanceLoad.EMPTY);
  }

  /** Instance {@code id} as the scheduler sees it now (empty when there is no such instance). */
  public synchronized Optional<Node> node(String id) {
    Versioned<ContainerInstance> instance = instances.get(id);
    if (instance == null) {
      return Optional.empty();
    }
    return Optional.of(nodes.computeIfAbsent(id, k -> Nodes.of(instance.value(), load(id))));
  }

  /**
   * Every instance as the scheduler sees it now, in the order the ledger learnt of them. Cached:
   * a node is rebuilt only after its instance or one of its tasks changed, and the snapshot
   * replaces just those nodes unless instances came or went.
   */
  public synchronized ClusterSnapshot snapshot() {
    if (snapshot == null) {
      List<Node> all = new ArrayList<>(instances.size());
      snapshotIndex.clear();
      for (String id : instances.keySet()) {
        snapshotIndex.put(id, all.size());
        all.add(node(id).orElseThrow());
      }
      snapshot = ClusterSnapshot.of(all);
    } else if (!dirty.isEmpty()) {
      Map<Integer, Node> replaced = new HashMap<>();
      for (String id : dirty) {
        Integer index = snapshotIndex.get(id);
        if (index != null) {
          replaced.put(index, node(id).orElseThrow());
        }
      }
      snapshot = snapshot.withReplaced(replaced);
    }
    dirty.clear();
    return snapshot;
  }

  public synchronized Optional<Versioned<ContainerInstance>> instance(String id) {
    return Optional.ofNullable(instances.get(id));
  }

  /** The cluster's instances as stored, in no particular order. */
  public synchronized List<Versioned<ContainerInstance>> instances() {
    return new ArrayList<>(instances.values());
  }

  /** The ids of the tasks that hold something on instance {@code instanceId}: every one not STOPPED, in id order. */
  public synchronized List<String> taskIds(String instanceId) {
    return List.copyOf(tasksByInstance.getOrDefault(instanceId, java.util.Set.of()));
  }

  /** Counts task {@code taskId} of this cluster, placed on managed capacity, as running or pending. */
  synchronized void putElsewhere(String taskId, boolean isRunning) {
    removeElsewhere(taskId);
    elsewhere.put(taskId, isRunning);
    runningElsewhere += isRunning ? 1 : 0;
  }

  synchronized void removeElsewhere(String taskId) {
    Boolean was = elsewhere.remove(taskId);
    if (was != null && was) {
      runningElsewhere--;
    }
  }

  /** Running tasks of this cluster, on its instances and on managed capacity. */
  public synchronized int runningTasks() {
    return running + runningElsewhere;
  }

  public synchronized int pendingTasks() {
    return pending + elsewhere.size() - runningElsewhere;
  }

  /** Running tasks of this cluster on managed capacity (FARGATE). */
  public synchronized int runningManagedTasks() {
    return runningElsewhere;
  }

  public synchronized int pendingManagedTasks() {
    return elsewhere.size() - runningElsewhere;
  }

  /** Runs {@code work} with the ledger locked, so what it reads and reserves is one step. */
  public synchronized <R> R atomically(Function<ClusterLedger, R> work) {
    return work.apply(this);
  }
}
