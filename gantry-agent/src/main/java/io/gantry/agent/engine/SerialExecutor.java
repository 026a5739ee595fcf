package io.gantry.agent.engine;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs submitted tasks one at a time, in submission order, on a backing executor: the engine
 * thread. Whatever runs here owns the engine's state, so no state needs a lock. A task that throws
 * is logged and the next one runs. Thread-safe.
 */
final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor backing;
  private final Queue<Runnable> queue = new ArrayDeque<>();
  private boolean draining;
  private volatile Thread current;

  SerialExecutor(Executor backing) {
    this.backing = backing;
  }

  @Override
  public void execute(Runnable task) {
    boolean schedule;
    synchronized (queue) {
      queue.add(task);
      schedule = !draining;
      draining = true;
    }
    if (schedule) {
      try {
        backing.execute(this::drain);
      } catch (RuntimeException e) {
        synchronized (queue) {
          queue.clear();
          draining = false;
        }
        throw e;
      }
    }
  }

  /**
   * Runs {@code work} here and waits for it; runs it at once when called from here. What it throws
   * is thrown to the caller.
   */
  void runAndWait(Runnable work) {
    if (inLoop()) {
      work.run();
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    execute(() -> {
      try {
        work.run();
        done.complete(null);
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
      }
    });
    try {
      done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** True on the thread that is running this executor's tasks right now. */
  boolean inLoop() {
    return current == Thread.currentThread();
  }

  private void drain() {
    current = Thread.currentThread();
    try {
      for (int i = 0; i < 256; i++) {
        Runnable next;
        synchronized (queue) {
          next = queue.poll();
          if (next == null) {
            draining = false;
            return;
          }
        }
        try {
          next.run();
        } catch (RuntimeException | Error e) {
          log.error("engine task failed", e);
        }
      }
    } finally {
      current = null;
    }
    // Yield the backing thread after a batch; keep draining in a fresh run.
    backing.execute(this::drain);
  }
}
