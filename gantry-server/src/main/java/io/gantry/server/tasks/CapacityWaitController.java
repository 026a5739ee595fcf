package io.gantry.server.tasks;

import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskStatus;
import io.gantry.model.task.TaskStopCode;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.scheduler.Plan;
import io.gantry.scheduler.PlacementRequest;
import io.gantry.scheduler.Scheduler;
import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Demand;
import io.gantry.scheduler.cluster.Node;
import io.gantry.server.placement.ClusterLedger;
import io.gantry.server.placement.Nodes;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.placement.PlanApplier;
import io.gantry.server.placement.TaskDemand;
import io.gantry.server.placement.TaskHold;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.Versioned;
import io.gantry.server.taskdefs.TaskDefinitionReader;
import io.gantry.store.KeyValue;
import io.gantry.store.Txn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places the tasks that wait for capacity ({@link CapacityWait}): each pass reads every {@code
 * gantry/capacity-wait/} marker, oldest task first, and tries to place its task on an instance
 * of its provider (the scheduler on the provider's nodes with the task's own constraints,
 * strategy and the definition's required attributes; the plan applier's re-check). A placed task
 * gets its instance, PENDING, and its agent is sent it: task and marker change in one
 * transaction conditioned on both revisions and the instance's. A task still waiting after the
 * timeout is STOPPED with TaskFailedToStart; a marker whose task is gone, stopped or placed goes.
 * Runs only on the leader. {@link #pass} is the body; {@link #start} runs it on its own thread.
 */
public final class CapacityWaitController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CapacityWaitController.class);

  private final EntityStore store;
  private final PlacementState placement;
  private final Clock clock;
  private final Duration timeout;
  private final TaskStopper stopper;
  private final TaskDefinitionReader definitions;
  private final SplittableRandom random = new SplittableRandom();
  private ScheduledExecutorService timer;

  public CapacityWaitController(EntityStore store, PlacementState placement, Clock clock) {
    this(store, placement, clock, CapacityWait.DEFAULT_TIMEOUT);
  }

  public CapacityWaitController(EntityStore store, PlacementState placement, Clock clock, Duration timeout) {
    this.store = store;
    this.placement = placement;
    this.clock = clock;
    this.timeout = timeout;
    this.stopper = new TaskStopper(store);
    this.definitions = new TaskDefinitionReader(store);
  }

  public CapacityWaitController start(Duration every) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gantry-capacity-wait");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        pass();
      } catch (RuntimeException e) {
        log.warn("capacity-wait pass failed", e);
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** One pass over the waiting tasks; returns how many were placed. */
  public int pass() {
    int placed = 0;
    List<KeyValue> markers = store.kv().range(CapacityWait.PREFIX);
    if (markers.isEmpty()) {
      return 0;
    }
    placement.awaitCurrent();
    for (KeyValue marker : markers) {
      CapacityWait.Marker m = store.decode(marker, CapacityWait.Marker.class).value();
      String taskKey = marker.key().substring(CapacityWait.PREFIX.length());
      Optional<Versioned<StoredTask>> found = store.get(taskKey, StoredTask.class);
      if (found.isEmpty() || !waiting(found.get().value())) {
        store.commit(Txn.builder().modRevisionIs(marker.key(), marker.modRevision()).delete(marker.key()).build());
        continue;
      }
      Instant now = clock.instant();
      Task task = found.get().value().task();
      if (task.createdAt() != null && !now.isBefore(task.createdAt().plus(timeout))) {
        stopper.stop(m.scope(), m.cluster(), m.taskId(), TaskStopCode.TASK_FAILED_TO_START,
            String.format(CapacityWait.TIMED_OUT, m.provider(), timeout.toMinutes()), true, now);
        continue; // the marker goes on the next pass, its task being STOPPED
      }
      if (place(m, taskKey, marker, found.get(), now)) {
        placed++;
      }
    }
    return placed;
  }

  private static boolean waiting(StoredTask stored) {
    return stored.nodeId() == null && "RUNNING".equals(stored.task().desiredStatus())
        && TaskStatus.PROVISIONING.name().equals(stored.task().lastStatus());
  }

  private boolean place(CapacityWait.Marker m, String taskKey, KeyValue marker, Versioned<StoredTask> current,
      Instant now) {
    StoredTask stored = current.value();
    Scope scope = m.scope();
    Optional<Versioned<TaskDefinition>> td = definitions.find(scope, stored.task().taskDefinitionArn());
    if (td.isEmpty()) {
      return false;
    }
    TaskDemand taskDemand = TaskDemand.of(stored.task(), stored.reservedHostPorts(), 0);
    Demand demand = Nodes.demand(taskDemand);
    LaunchSpec.PlacementRules rules = new LaunchSpec.PlacementRules(
        LaunchRules.strategies(stored.placementStrategy()),
        LaunchRules.constraints(stored.placementConstraints(), td.get().value()),
        LaunchRules.requiredAttributes(td.get().value()));
    String group = stored.task().group();
    ClusterLedger ledger = placement.ledger(scope, m.cluster());
    ClusterSnapshot snapshot = ClusterSnapshot.of(ledger.snapshot().nodes().stream()
        .filter(n -> m.provider().equals(n.capacityProviderName())).toList());
    if (snapshot.nodes().stream().noneMatch(n -> Node.ACTIVE.equals(n.status()))) {
      return false;
    }
    Plan plan = Scheduler.place(snapshot, new PlacementRequest(demand, 1, group, rules.strategies(),
        rules.constraints(), rules.required()), random);
    if (plan.placements().isEmpty()) {
      return false;
    }
    String instanceId = snapshot.byArn(plan.placements().get(0).nodeArn()).orElseThrow().id();
    PlanApplier.Outcome outcome = PlanApplier.reserve(ledger, List.of(new TaskHold(m.taskId(), instanceId,
        taskDemand, group, false, List.of())), (node, hold) -> LaunchPlacements.refusal(node, demand, group, rules));
    if (outcome.accepted().isEmpty()) {
      return false;
    }
    PlanApplier.Accepted accepted = outcome.accepted().get(0);
    Versioned<ContainerInstance> instance = accepted.instance();
    StoredTask next = placedOn(stored, instance.value());
    byte[] value = store.encode(next);
    placement.expect(taskKey, value, next.held().orElseThrow());
    Txn txn = Txn.builder()
        .modRevisionIs(marker.key(), marker.modRevision()).delete(marker.key())
        .modRevisionIs(taskKey, current.modRevision()).put(taskKey, value)
        .modRevisionIs(instance.key(), instance.modRevision())
        .build();
    boolean committed = false;
    try {
      committed = store.commit(txn).succeeded();
    } finally {
      if (!committed) {
        PlanApplier.release(ledger, List.of(accepted));
        placement.forget(taskKey);
      }
    }
    if (committed) {
      log.info("task {} placed on {} of capacity provider {} after waiting for capacity", m.taskId(),
          instance.value().containerInstanceArn(), m.provider());
    }
    return committed;
  }

  /** The waiting task placed on {@code instance}: PENDING there, as a task RunTask placed at once. */
  static StoredTask placedOn(StoredTask stored, ContainerInstance instance) {
    Task task = stored.task().toBuilder()
        .containerInstanceArn(instance.containerInstanceArn())
        .availabilityZone(LaunchSpec.attribute(instance, "ecs.availability-zone"))
        .attributes(LaunchSpec.architecture(instance))
        .lastStatus(TaskStatus.PENDING.name())
        .version(TaskProgress.nextVersion(stored.task()))
        .build();
    return new StoredTask(task, instance.id(), stored.reservedHostPorts(), stored.clientToken(),
        stored.requestFingerprint(), stored.referenceId(), stored.placementConstraints(), stored.placementStrategy(),
        stored.gpuIds());
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
