package io.gantry.agent.engine;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a {@link TaskEngine} runs on: {@code loop} runs the engine's own work (the engine
 * wraps it so its tasks run one at a time, in order, even on a pool), {@code workers} run the
 * blocking runtime calls (pulls, create, start, stop, remove), and {@code timer} fires the
 * periodic tick. {@link #daemon} makes the usual set and {@link #close} shuts down only what it
 * made.
 */
public final class EngineThreads implements AutoCloseable {
  private final ExecutorService loop;
  private final ExecutorService workers;
  private final ScheduledExecutorService timer;
  private final boolean owned;

  public EngineThreads(ExecutorService loop, ExecutorService workers, ScheduledExecutorService timer) {
    this(loop, workers, timer, false);
  }

  private EngineThreads(
      ExecutorService loop, ExecutorService workers, ScheduledExecutorService timer, boolean owned) {
    this.loop = Objects.requireNonNull(loop, "loop");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.timer = Objects.requireNonNull(timer, "timer");
    this.owned = owned;
  }

  /**
   * One daemon loop thread ({@code gantry-engine}), a cached pool of daemon workers
   * ({@code gantry-engine-worker-N}: pulls and stops may block for minutes, so the pool grows with
   * the work in flight), and one daemon timer thread ({@code gantry-engine-timer}).
   */
  public static EngineThreads daemon() {
    return new EngineThreads(
        Executors.newSingleThreadExecutor(named("gantry-engine", false)),
        Executors.newCachedThreadPool(named("gantry-engine-worker-", true)),
        Executors.newSingleThreadScheduledExecutor(named("gantry-engine-timer", false)),
        true);
  }

  private static ThreadFactory named(String name, boolean numbered) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, numbered ? name + n.incrementAndGet() : name);
      t.setDaemon(true);
      return t;
    };
  }

  ExecutorService loop() {
    return loop;
  }

  ExecutorService workers() {
    return workers;
  }

  ScheduledExecutorService timer() {
    return timer;
  }

  /** Shuts down the executors {@link #daemon} created; injected ones are left to their owner. */
  @Override
  public void close() {
    if (owned) {
      timer.shutdownNow();
      workers.shutdownNow();
      loop.shutdownNow();
    }
  }
}
