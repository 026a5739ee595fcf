package io.gantry.store.embedded;

import io.gantry.store.Watch;
import io.gantry.store.WatchEvent;
import io.gantry.store.WatchListener;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch: its filter, its own queue of events not yet delivered, and a drain task that runs
 * on the delivery executor, at most one at a time, so its listener sees events one by one in
 * order. A slow listener only fills its own queue. Thread-safe.
 */
final class QueuedWatch implements Watch {
  private static final Logger log = LoggerFactory.getLogger(QueuedWatch.class);
  /** Events delivered per turn before the drain yields its thread to other watches. */
  private static final int TURN = 256;

  private final String prefix;
  private final long afterRevision;
  private final WatchListener listener;
  private final Executor executor;
  private final Consumer<QueuedWatch> onClose;
  private final Queue<WatchEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean closed;

  QueuedWatch(String prefix, long afterRevision, WatchListener listener, Executor executor, Consumer<QueuedWatch> onClose) {
    this.prefix = prefix;
    this.afterRevision = afterRevision;
    this.listener = listener;
    this.executor = executor;
    this.onClose = onClose;
  }

  /** Queues {@code event} when this watch wants it; call {@link #schedule} after offering a batch. */
  void offer(WatchEvent event) {
    if (!closed && event.kv().modRevision() > afterRevision && event.kv().key().startsWith(prefix)) {
      queue.add(event);
    }
  }

  /** Makes sure a drain will run if events are waiting. */
  void schedule() {
    if (!closed && !queue.isEmpty() && scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        scheduled.set(false); // the store is shutting down; nothing will be delivered any more
      }
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      queue.clear();
      onClose.accept(this);
    }
  }

  private void drain() {
    for (int i = 0; i < TURN && !closed; i++) {
      WatchEvent event = queue.poll();
      if (event == null) {
        break;
      }
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        log.warn("watch listener on prefix '{}' failed on {}; delivery continues", prefix, event, e);
      }
    }
    scheduled.set(false);
    schedule(); // events that arrived meanwhile, or the rest after a full turn
  }
}
