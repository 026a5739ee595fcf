package io.gantry.server.tasks;

import io.gantry.model.task.Task;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.store.KeyValue;
import io.gantry.store.Txn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes tasks that have been STOPPED for longer than the retention (ECS keeps stopped tasks
 * describable for at least an hour), with their tags, and RunTask client-token records older
 * than their 24-hour lifetime (after which ECS treats the token as new), and address leases whose
 * task is gone or STOPPED ({@link LeaseSweep}). Each removal is
 * conditioned on the record's revision, so one that changes meanwhile is left for the next pass. {@link #sweep} is pure
 * store work and can be called directly; {@link #start} runs it every minute on its own thread.
 */
public final class StoppedTaskReaper implements AutoCloseable {
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);
  public static final Duration CLIENT_TOKEN_LIFETIME = Duration.ofHours(24);
  private static final Logger log = LoggerFactory.getLogger(StoppedTaskReaper.class);

  private final EntityStore store;
  private final Clock clock;
  private final Duration retention;
  private ScheduledExecutorService timer;

  public StoppedTaskReaper(EntityStore store, Clock clock, Duration retention) {
    this.store = store;
    this.clock = clock;
    this.retention = retention;
  }

  public void start(Duration every) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gantry-task-reaper");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        sweep();
      } catch (RuntimeException e) {
        log.warn("stopped-task sweep failed", e);
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Removes every task stopped before now − retention and every expired client token; returns how many records went. */
  public int sweep() {
    Instant cutoff = clock.instant().minus(retention);
    Instant tokenCutoff = clock.instant().minus(CLIENT_TOKEN_LIFETIME);
    int removed = 0;
    for (KeyValue kv : store.kv().range("ecs/")) {
      if (kv.key().contains("/runtask-token/")) {
        removed += expire(kv, tokenCutoff);
        continue;
      }
      if (!kv.key().contains("/task/")) {
        continue;
      }
      Versioned<StoredTask> stored = store.get(kv.key(), StoredTask.class).orElse(null);
      if (stored == null) {
        continue;
      }
      Task task = stored.value().task();
      if (!"STOPPED".equals(task.lastStatus()) || task.stoppedAt() == null || !task.stoppedAt().isBefore(cutoff)) {
        continue;
      }
      String[] parts = kv.key().split("/");
      io.gantry.model.Scope scope = new io.gantry.model.Scope(parts[1], parts[2]);
      Txn txn = Txn.builder().modRevisionIs(kv.key(), stored.modRevision()).delete(kv.key())
          .delete(StateKeys.tags(scope, task.taskArn())).build();
      if (store.commit(txn).succeeded()) {
        removed++;
      }
    }
    int leases = new LeaseSweep(store).sweep();
    if (removed > 0 || leases > 0) {
      log.info("removed {} tasks stopped before {} and expired client tokens, {} stale address leases", removed,
          cutoff, leases);
    }
    return removed + leases;
  }

  private int expire(KeyValue kv, Instant cutoff) {
    RunTaskToken token = store.decode(kv, RunTaskToken.class).value();
    if (token.createdAt() == null || !token.createdAt().isBefore(cutoff)) {
      return 0;
    }
    Txn txn = Txn.builder().modRevisionIs(kv.key(), kv.modRevision()).delete(kv.key()).build();
    return store.commit(txn).succeeded() ? 1 : 0;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
