package io.gantry.server.tasks;

import io.gantry.model.task.TaskStatus;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.Versioned;
import io.gantry.store.KeyValue;
import io.gantry.store.Txn;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.TaskStopCode;
import io.gantry.server.placement.ManagedCapacity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases regular FARGATE tasks that wait for interrupted FARGATE_SPOT tasks to stop (see {@link
 * SpotInterruptions}): for each {@code gantry/spot-wait/} marker whose victims have all stopped
 * (or are gone), clears the waiting task's list, which sends it to its agent, and removes the
 * marker, in one transaction conditioned on both revisions. A marker whose task is gone or
 * stopped is removed. The victims and the waiting task share one managed node: when its agent has
 * been disconnected for the grace period, the victims cannot stop (nor the task start) until it
 * returns, so the waiting task is STOPPED at once with TaskFailedToStart and Fargate's words
 * ("Capacity is unavailable at this time…"; a service replaces it elsewhere) and its marker goes.
 * {@link #sweep} is store work plus the first-seen-disconnected times (one thread: the timer's);
 * {@link #start} runs it on its own thread.
 */
public final class SpotWaitController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SpotWaitController.class);

  static final String CAPACITY_UNAVAILABLE = "Capacity is unavailable at this time. Please try again later or in a "
      + "different availability zone.";
  /** Twice the default heartbeat detection (3 s × 3 missed): a short blip does not fail the task. */
  public static final Duration DEFAULT_DISCONNECT_GRACE = Duration.ofSeconds(20);

  private final EntityStore store;
  private final Clock clock;
  private final Duration disconnectGrace;
  private final TaskStopper stopper;
  private final Map<String, Instant> disconnectedSince = new HashMap<>();
  private ScheduledExecutorService timer;

  public SpotWaitController(EntityStore store) {
    this(store, Clock.systemUTC(), DEFAULT_DISCONNECT_GRACE);
  }

  public SpotWaitController(EntityStore store, Clock clock, Duration disconnectGrace) {
    this.store = store;
    this.clock = clock;
    this.disconnectGrace = disconnectGrace;
    this.stopper = new TaskStopper(store);
  }

  public SpotWaitController start(Duration every) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gantry-spot-wait");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        sweep();
      } catch (RuntimeException e) {
        log.warn("spot-wait sweep failed", e);
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Releases every waiting task whose victims have stopped; returns how many markers went. */
  public int sweep() {
    int done = 0;
    for (KeyValue marker : store.kv().range(SpotInterruptions.WAIT_PREFIX)) {
      String taskKey = SpotInterruptions.taskKey(marker);
      List<String> victims = SpotInterruptions.victims(marker);
      Optional<Versioned<StoredTask>> waiting = store.get(taskKey, StoredTask.class);
      if (!victims.stream().allMatch(this::stopped)) {
        if (waiting.isPresent() && nodeLost(taskKey, waiting.get().value())) {
          fail(taskKey, marker);
        }
        continue;
      }
      disconnectedSince.remove(taskKey);
      Txn.Builder txn = Txn.builder().modRevisionIs(marker.key(), marker.modRevision()).delete(marker.key());
      if (waiting.isPresent() && !waiting.get().value().awaiting().isEmpty()) {
        txn.modRevisionIs(taskKey, waiting.get().modRevision())
            .put(taskKey, store.encode(waiting.get().value().awaiting(List.of())));
      }
      if (store.commit(txn.build()).succeeded()) {
        done++;
      }
    }
    return done;
  }

  /** Whether the waiting task's node has been disconnected for the grace period (tracked from the first pass that saw it so). */
  private boolean nodeLost(String taskKey, StoredTask waiting) {
    boolean connected = waiting.managedInstanceArn() == null || ManagedCapacity.instanceKey(waiting.managedInstanceArn())
        .flatMap(key -> store.get(key, ContainerInstance.class))
        .map(v -> Boolean.TRUE.equals(v.value().agentConnected()))
        .orElse(false);
    if (connected) {
      disconnectedSince.remove(taskKey);
      return false;
    }
    Instant now = clock.instant();
    Instant since = disconnectedSince.computeIfAbsent(taskKey, k -> now);
    return !now.isBefore(since.plus(disconnectGrace));
  }

  /** Stops the waiting task at once (its node is gone for now) and removes its marker. */
  private void fail(String taskKey, KeyValue marker) {
    String[] p = taskKey.split("/"); // ecs/ACCOUNT/REGION/task/CLUSTER/ID
    if (p.length == 6) {
      stopper.stop(new Scope(p[1], p[2]), p[4], p[5], TaskStopCode.TASK_FAILED_TO_START, CAPACITY_UNAVAILABLE, true,
          clock.instant());
    }
    store.commit(Txn.builder().modRevisionIs(marker.key(), marker.modRevision()).delete(marker.key()).build());
    disconnectedSince.remove(taskKey);
    log.info("task {} no longer waits for Spot victims: their node is disconnected", taskKey);
  }

  private boolean stopped(String taskKey) {
    return store.get(taskKey, StoredTask.class)
        .map(v -> TaskRecords.status(v.value()) == TaskStatus.STOPPED)
        .orElse(true);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
