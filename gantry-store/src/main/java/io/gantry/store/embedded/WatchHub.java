package io.gantry.store.embedded;

import io.gantry.store.CompactedException;
import io.gantry.store.Watch;
import io.gantry.store.WatchEvent;
import io.gantry.store.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Recent history and the running watches: keeps the latest change events (whole revisions, about
 * {@code capacity} events) to replay to watches that start in the past, and fans each published
 * batch out to the watches' queues. Registration and publication take the same lock, so a new
 * watch gets every event after its starting revision exactly once. Thread-safe.
 */
final class WatchHub {
  private final int capacity;
  private final Executor executor;
  private final Object lock = new Object();
  private final ArrayDeque<WatchEvent> history = new ArrayDeque<>();
  private final Set<QueuedWatch> watches = new LinkedHashSet<>();
  private long compactedRevision; // events up to and including this revision are forgotten
  private boolean closed;

  /** Starts with no history: changes up to {@code startRevision} count as compacted. */
  WatchHub(long startRevision, int capacity, Executor executor) {
    this.compactedRevision = startRevision;
    this.capacity = capacity;
    this.executor = executor;
  }

  /**
   * Starts a watch that first gets the retained events after {@code afterRevision}, then new ones.
   *
   * @throws CompactedException when events after {@code afterRevision} are no longer retained
   */
  Watch watch(String prefix, long afterRevision, WatchListener listener) {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("watch hub closed");
      }
      if (afterRevision < compactedRevision) {
        throw new CompactedException(compactedRevision);
      }
      QueuedWatch watch = new QueuedWatch(prefix, afterRevision, listener, executor, this::remove);
      for (WatchEvent event : history) {
        watch.offer(event);
      }
      watches.add(watch);
      watch.schedule();
      return watch;
    }
  }

  /** Records a durable batch's events (in revision order) and queues them for the watches. */
  void publish(List<WatchEvent> events) {
    synchronized (lock) {
      history.addAll(events);
      trimTo(capacity);
      for (QueuedWatch watch : watches) {
        for (WatchEvent event : events) {
          watch.offer(event);
        }
        watch.schedule();
      }
    }
  }

  /** Forgets the events of revisions up to and including {@code revision}. */
  void compact(long revision) {
    synchronized (lock) {
      while (!history.isEmpty() && revisionOf(history.peekFirst()) <= revision) {
        history.removeFirst();
      }
      compactedRevision = Math.max(compactedRevision, revision);
    }
  }

  /** Closes every watch; later {@link #watch} calls fail. */
  void close() {
    List<QueuedWatch> open;
    synchronized (lock) {
      closed = true;
      open = new ArrayList<>(watches);
    }
    open.forEach(QueuedWatch::close);
  }

  private void remove(QueuedWatch watch) {
    synchronized (lock) {
      watches.remove(watch);
    }
  }

  /** Drops whole revisions, oldest first, until at most {@code max} events remain. */
  private void trimTo(int max) {
    while (history.size() > max) {
      long oldest = revisionOf(history.removeFirst());
      while (!history.isEmpty() && revisionOf(history.peekFirst()) == oldest) {
        history.removeFirst();
      }
      compactedRevision = oldest;
    }
  }

  private static long revisionOf(WatchEvent event) {
    return event.kv().modRevision();
  }
}
