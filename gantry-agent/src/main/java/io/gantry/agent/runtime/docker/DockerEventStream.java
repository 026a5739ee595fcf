package io.gantry.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.EventSubscription;
import io.gantry.agent.runtime.HealthStatus;
import io.gantry.agent.runtime.RuntimeEvent;
import io.gantry.agent.runtime.RuntimeEventListener;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription to the Engine's event stream, limited to containers that carry Gantry's task
 * label. A supervising thread (from the injected factory) keeps the stream open: when it breaks,
 * it reconnects with back-off, replays from the last event seen, skips what it already
 * delivered, and tells the listener {@link RuntimeEventListener#onGap}. Events are delivered on
 * docker-java's reader thread of the current stream, so in order.
 */
final class DockerEventStream implements EventSubscription {
  private static final Logger LOG = LoggerFactory.getLogger(DockerEventStream.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration START_WAIT = Duration.ofSeconds(10);

  private final DockerClient client;
  private final RuntimeEventListener listener;
  private final Thread supervisor;
  private final Object startLock = new Object();
  private volatile boolean closed;
  private volatile boolean started;
  private volatile Callback current;
  /** The newest event time delivered so far (events of different containers may come slightly out of order). */
  private volatile long lastTimeNano;
  /** After a reconnect: events up to this time were delivered before the break and come again (replays). */
  private volatile long replayedUpTo;

  DockerEventStream(DockerClient client, RuntimeEventListener listener, ThreadFactory threads) {
    this.client = client;
    this.listener = listener;
    this.supervisor = threads.newThread(this::supervise);
  }

  /** Starts the stream and waits (bounded) until the Engine has accepted the subscription. */
  DockerEventStream open() {
    supervisor.start();
    synchronized (startLock) {
      long deadline = System.nanoTime() + START_WAIT.toNanos();
      while (!started && !closed && System.nanoTime() < deadline) {
        try {
          startLock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return this;
  }

  private void supervise() {
    Duration backoff = Duration.ofMillis(250);
    boolean reconnect = false;
    while (!closed) {
      Callback callback = new Callback();
      current = callback;
      try {
        EventsCmd cmd = client.eventsCmd()
            .withEventTypeFilter(EventType.CONTAINER)
            .withLabelFilter(ContainerLabels.TASK_ARN);
        if (reconnect && lastTimeNano > 0) {
          replayedUpTo = lastTimeNano;
          cmd.withSince(Long.toString(lastTimeNano / 1_000_000_000L));
        }
        cmd.exec(callback);
        if (callback.awaitStarted(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          markStarted();
          if (reconnect) {
            LOG.info("Docker event stream re-established");
            safely(listener::onGap);
          }
          backoff = Duration.ofMillis(250);
        }
        callback.awaitCompletion();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.warn("Docker event stream broke: {}", e.toString());
        }
      } finally {
        closeQuietly(callback);
      }
      if (closed) {
        return;
      }
      reconnect = true;
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
  }

  private void markStarted() {
    synchronized (startLock) {
      started = true;
      startLock.notifyAll();
    }
  }

  void deliver(Event e) {
    long nano = e.getTimeNano() == null ? 0 : e.getTimeNano();
    if (nano != 0 && nano <= replayedUpTo) {
      return; // replayed after a reconnect; already delivered
    }
    RuntimeEvent event = toRuntimeEvent(e);
    if (nano > lastTimeNano) {
      // only the newest time counts: dockerd may stamp two containers' events out of order, and
      // an older stamp arriving after a newer one is a new event, not a replay
      lastTimeNano = nano;
    }
    if (event != null) {
      safely(() -> listener.onEvent(event));
    }
  }

  static RuntimeEvent toRuntimeEvent(Event e) {
    String action = e.getAction() == null ? e.getStatus() : e.getAction();
    if (action == null || e.getActor() == null || e.getActor().getId() == null) {
      return null;
    }
    String id = e.getActor().getId();
    Map<String, String> labels = new HashMap<>(
        e.getActor().getAttributes() == null ? Map.of() : e.getActor().getAttributes());
    String exitCode = labels.remove("exitCode");
    labels.remove("name");
    labels.remove("image");
    Instant at = e.getTimeNano() != null
        ? Instant.ofEpochSecond(0, e.getTimeNano())
        : Instant.ofEpochSecond(e.getTime() == null ? 0 : e.getTime());
    if (action.equals("start")) {
      return new RuntimeEvent.Started(id, labels, at);
    }
    if (action.equals("die")) {
      int code = exitCode == null ? -1 : Integer.parseInt(exitCode.trim());
      return new RuntimeEvent.Died(id, labels, code, at);
    }
    if (action.startsWith("health_status")) {
      String status = action.substring(action.indexOf(':') + 1);
      HealthStatus health = DockerStateMapping.health(status);
      return new RuntimeEvent.HealthChanged(id, labels, health, at);
    }
    return null;
  }

  private void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("Runtime event listener failed", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    Callback callback = current;
    if (callback != null) {
      closeQuietly(callback);
    }
    supervisor.interrupt();
    markStarted();
  }

  private static void closeQuietly(Callback callback) {
    try {
      callback.close();
    } catch (Exception ignored) {
      // closing a broken stream
    }
  }

  private final class Callback extends ResultCallback.Adapter<Event> {
    @Override
    public void onNext(Event event) {
      deliver(event);
    }

    /** Ends this stream quietly; the supervisor logs once and reconnects. */
    @Override
    public void onError(Throwable t) {
      if (!closed) {
        LOG.warn("Docker event stream broke: {}", t.toString());
      }
      closeQuietly(this);
    }
  }
}
