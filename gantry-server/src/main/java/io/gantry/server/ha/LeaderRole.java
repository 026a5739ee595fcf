package io.gantry.server.ha;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the leader-only parts of the control plane (service controller, reapers) while this
 * replica leads: when it becomes leader it starts them afresh from the store, when it stops
 * leading it closes them. Their writes are fenced, so the short overlap between a deposed leader
 * noticing and the new one starting cannot corrupt anything. Threading: one thread,
 * {@code gantry-leader-role}, checks the leadership every {@code every} and starts and stops.
 */
public final class LeaderRole implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderRole.class);

  private final Leadership leadership;
  private final Supplier<List<AutoCloseable>> parts;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gantry-leader-role");
    t.setDaemon(true);
    return t;
  });
  private List<AutoCloseable> running = List.of(); // guarded by the role's thread (and close)
  private volatile boolean leading;

  public LeaderRole(Leadership leadership, Supplier<List<AutoCloseable>> parts) {
    this.leadership = leadership;
    this.parts = parts;
  }

  /** Checks at once (so a single replica leads before the first request) and then every {@code every}. */
  public LeaderRole start(Duration every) {
    check();
    thread.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Like {@link #start}, but the first check runs on the role's thread too, so a caller is not
   * held up while a new leader's controllers load a large store.
   */
  public LeaderRole startInBackground(Duration every) {
    thread.scheduleWithFixedDelay(this::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Whether this replica runs the leader-only parts now. */
  public boolean leading() {
    return leading;
  }

  private synchronized void check() {
    boolean leader = leadership.isLeader();
    if (leader && !leading) {
      long started = System.nanoTime();
      running = new ArrayList<>(parts.get());
      leading = true;
      log.info("this replica leads: controllers started in {} ms", (System.nanoTime() - started) / 1_000_000);
    } else if (!leader && leading) {
      log.warn("this replica no longer leads: stopping its controllers");
      stopAll();
    }
  }

  private void stopAll() {
    leading = false;
    for (AutoCloseable part : running) {
      try {
        part.close();
      } catch (Exception e) {
        log.warn("error while stopping {}", part, e);
      }
    }
    running = List.of();
  }

  @Override
  public synchronized void close() {
    thread.shutdownNow();
    stopAll();
  }
}
