package io.gantry.server.tasks;

import io.gantry.model.task.TaskStatus;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.Versioned;
import io.gantry.store.KeyValue;
import io.gantry.store.Txn;
import java.time.Duration;
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
 * stopped is removed. {@link #sweep} is pure store work; {@link #start} runs it on its own thread.
 */
public final class SpotWaitController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SpotWaitController.class);

  private final EntityStore store;
  private ScheduledExecutorService timer;

  public SpotWaitController(EntityStore store) {
    this.store = store;
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
      if (!victims.stream().allMatch(this::stopped)) {
        continue;
      }
      Optional<Versioned<StoredTask>> waiting = store.get(taskKey, StoredTask.class);
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
