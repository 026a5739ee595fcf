package io.gantry.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch.Watcher;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import io.gantry.store.Watch;
import io.gantry.store.WatchEvent;
import io.gantry.store.WatchListener;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store watch on etcd: a jetcd watch of a key range, its own queue of events not yet
 * delivered, and a drain task on the store's delivery executor, at most one at a time, so the
 * listener sees events one by one in revision order. Thread-safe.
 *
 * <p>jetcd calls back on its own threads; those only convert and queue events. The watch keeps
 * the etcd revision after the last event it queued and owns reconnection: when the stream fails,
 * it drops that jetcd watcher (before jetcd resumes it on its own, from a revision jetcd may have
 * advanced past undelivered history when the watch was created) and, after the retry delay,
 * watches again from its own revision. Events at or below a revision already queued are dropped,
 * so each change is delivered once. When etcd has compacted the revision a re-watch needs, the
 * watch stops, logs an error and, after the events queued before, tells the listener
 * ({@link WatchListener#onCompacted}).
 */
final class EtcdWatch implements Watch {
  private static final Logger log = LoggerFactory.getLogger(EtcdWatch.class);
  /** Events delivered per turn before the drain yields its thread to other watches. */
  private static final int TURN = 256;

  private final io.etcd.jetcd.Watch client;
  private final String prefix;
  private final WatchListener listener;
  private final Executor delivery;
  private final ScheduledExecutorService retries;
  private final Duration retryDelay;
  private final Consumer<EtcdWatch> onClose;
  private final Queue<WatchEvent> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicLong compactedNotice = new AtomicLong(-1); // store revision to report, -1: none
  private final AtomicInteger generation = new AtomicInteger();
  private final CompletableFuture<Long> compacted = new CompletableFuture<>();
  private final Object progress = new Object();
  private long nextRevision; // etcd revision of the next event to queue; guarded by progress
  private volatile Subscription current;
  private volatile boolean running; // watch() returned it to its caller
  private volatile boolean closed;

  EtcdWatch(io.etcd.jetcd.Watch client, String prefix, long firstEtcdRevision, WatchListener listener,
      Executor delivery, ScheduledExecutorService retries, Duration retryDelay, Consumer<EtcdWatch> onClose) {
    this.client = client;
    this.prefix = prefix;
    this.nextRevision = firstEtcdRevision;
    this.listener = listener;
    this.delivery = delivery;
    this.retries = retries;
    this.retryDelay = retryDelay;
    this.onClose = onClose;
  }

  /** Completes with etcd's compacted revision if etcd cancels this watch for compaction. */
  CompletableFuture<Long> compacted() {
    return compacted;
  }

  /** Marks the watch as handed to its caller: from now on, failures are logged. */
  void running() {
    running = true;
  }

  /** Starts (or restarts) the jetcd watch from the revision after the last queued event. */
  void subscribe() {
    if (closed) {
      return;
    }
    long from;
    synchronized (progress) {
      from = nextRevision;
    }
    Subscription s = new Subscription(generation.incrementAndGet());
    WatchOption option = WatchOption.builder().withRevision(from).withRange(EtcdCodec.rangeEnd(prefix)).build();
    s.watcher = client.watch(EtcdCodec.rangeStart(prefix), option, s);
    current = s;
    if (s.dead || closed) {
      s.watcher.close();
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      generation.incrementAndGet();
      queue.clear();
      Subscription s = current;
      if (s != null && s.watcher != null) {
        s.watcher.close();
      }
      onClose.accept(this);
    }
  }

  private void schedule() {
    if (!closed && (!queue.isEmpty() || compactedNotice.get() >= 0) && scheduled.compareAndSet(false, true)) {
      try {
        delivery.execute(this::drain);
      } catch (RejectedExecutionException e) {
        scheduled.set(false); // the store is shutting down; nothing will be delivered any more
      }
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
    if (queue.isEmpty() && !closed) {
      long notice = compactedNotice.getAndSet(-1);
      if (notice >= 0) {
        try {
          listener.onCompacted(notice);
        } catch (RuntimeException e) {
          log.warn("watch listener on prefix '{}' failed on compaction", prefix, e);
        }
      }
    }
    scheduled.set(false);
    schedule(); // events that arrived meanwhile, or the rest after a full turn
  }

  /** One jetcd watcher; its callbacks count only while it is the current generation. */
  private final class Subscription implements io.etcd.jetcd.Watch.Listener {
    private final int gen;
    private volatile Watcher watcher;
    private volatile boolean dead;

    Subscription(int gen) {
      this.gen = gen;
    }

    @Override
    public void onNext(WatchResponse response) {
      synchronized (progress) {
        if (closed || generation.get() != gen) {
          return;
        }
        for (io.etcd.jetcd.watch.WatchEvent e : response.getEvents()) {
          long revision = e.getKeyValue().getModRevision();
          if (revision >= nextRevision) {
            queue.add(EtcdCodec.event(e));
          }
        }
        if (!response.getEvents().isEmpty()) {
          long last = response.getEvents().get(response.getEvents().size() - 1).getKeyValue().getModRevision();
          nextRevision = Math.max(nextRevision, last + 1);
        }
      }
      schedule();
    }

    @Override
    public void onError(Throwable failure) {
      dead = true;
      if (closed || !generation.compareAndSet(gen, gen + 1)) {
        return;
      }
      try {
        Watcher w = watcher;
        if (w != null) {
          retries.execute(w::close); // not here: jetcd calls back holding its own lock
        }
        if (failure instanceof CompactedException c) {
          compacted.complete(c.getCompactedRevision());
          if (running) {
            log.error("watch on prefix '{}' needs revisions etcd has compacted (up to {}); it stops delivering",
                prefix, c.getCompactedRevision());
            compactedNotice.set(EtcdCodec.fromEtcdRevision(c.getCompactedRevision()));
            schedule();
          }
          return;
        }
        log.warn("watch on prefix '{}' failed ({}); watching again in {}", prefix, failure.toString(), retryDelay);
        retries.schedule(EtcdWatch.this::subscribe, retryDelay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // the store is closing
      }
    }

    @Override
    public void onCompleted() {
      // jetcd calls this when a watcher is closed; closing is always ours
    }
  }
}
