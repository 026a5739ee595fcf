package io.gantry.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.store.KvStore;
import io.gantry.store.Watch;
import io.gantry.store.WatchEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a rolling update's invariant at every committed step: follows the store's watch and,
 * each time a revision is complete (the next one begins), counts the service's tasks — existing
 * (not STOPPED) at most {@code max}, wanted RUNNING, RUNNING and HEALTHY at least {@code min} —
 * and records every revision that breaks it. Events of one revision are applied together, so a
 * transaction that changes several tasks is seen whole.
 */
final class ServiceInvariantWatch implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String group;
  private final int min;
  private final int max;
  private final boolean healthChecked;
  private final Map<String, JsonNode> tasks = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private final Watch watch;
  private long revision = -1;
  private int steps;

  ServiceInvariantWatch(KvStore store, String service, int min, int max, boolean healthChecked) {
    this.group = "service:" + service;
    this.min = min;
    this.max = max;
    this.healthChecked = healthChecked;
    long from = store.revision();
    for (var kv : store.range("ecs/")) {
      if (kv.key().contains("/task/")) {
        take(kv.key(), kv.value());
      }
    }
    this.watch = store.watch("ecs/", from, this::seen);
  }

  private synchronized void seen(WatchEvent event) {
    if (!event.kv().key().contains("/task/")) {
      return;
    }
    if (revision >= 0 && event.kv().modRevision() != revision) {
      check();
    }
    revision = event.kv().modRevision();
    if (event.type() == WatchEvent.Type.DELETE) {
      tasks.remove(event.kv().key());
    } else {
      take(event.kv().key(), event.kv().value());
    }
  }

  private void take(String key, byte[] value) {
    try {
      JsonNode task = JSON.readTree(value).path("task");
      if (group.equals(task.path("group").asText())) {
        tasks.put(key, task);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void check() {
    steps++;
    int existing = 0;
    int healthy = 0;
    for (JsonNode t : tasks.values()) {
      String last = t.path("lastStatus").asText();
      if (!"STOPPED".equals(last)) {
        existing++;
      }
      if ("RUNNING".equals(t.path("desiredStatus").asText()) && "RUNNING".equals(last)
          && (!healthChecked || "HEALTHY".equals(t.path("healthStatus").asText()))) {
        healthy++;
      }
    }
    if (existing > max || healthy < min) {
      violations.add("revision " + revision + ": " + existing + " existing, " + healthy + " healthy");
    }
  }

  /** Steps (complete revisions that touched a task) checked so far. */
  synchronized int steps() {
    return steps;
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  @Override
  public void close() {
    watch.close();
  }
}
