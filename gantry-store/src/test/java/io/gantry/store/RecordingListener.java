package io.gantry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A watch listener for tests: queues what it receives and lets the test wait for it. Notes the
 * delivering thread's name so tests can check events arrive on a store thread. Thread-safe.
 */
public final class RecordingListener implements WatchListener {
  public static final Duration PATIENCE = Duration.ofSeconds(10);

  private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
  private volatile Thread lastThread;

  @Override
  public void onEvent(WatchEvent event) {
    lastThread = Thread.currentThread();
    events.add(event);
  }

  /** Waits for the next {@code n} events and returns them; fails when they do not come in time. */
  public List<WatchEvent> take(int n) {
    List<WatchEvent> taken = new ArrayList<>(n);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    try {
      while (taken.size() < n) {
        WatchEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        assertThat(event).as("event %d of %d (got %s)", taken.size() + 1, n, taken).isNotNull();
        taken.add(event);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return taken;
  }

  /** Asserts nothing more arrives within {@code quiet}. */
  public void assertNothingWithin(Duration quiet) {
    try {
      WatchEvent event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(event).as("an event after the end").isNull();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  public Thread lastThread() {
    return lastThread;
  }

  /** A short, comparable description of an event: type, key, revisions and value for a put. */
  public static String describe(WatchEvent event) {
    KeyValue kv = event.kv();
    return event.type() == WatchEvent.Type.PUT
        ? "PUT " + kv.key() + " @" + kv.modRevision() + " c" + kv.createRevision() + " v" + kv.version()
            + " " + new String(kv.value(), java.nio.charset.StandardCharsets.UTF_8)
        : "DELETE " + kv.key() + " @" + kv.modRevision();
  }

  public static List<String> describe(List<WatchEvent> events) {
    return events.stream().map(RecordingListener::describe).toList();
  }
}
