package io.gantry.agent.runtime.fake;

import io.gantry.agent.runtime.ContainerStatus;
import io.gantry.agent.runtime.HealthStatus;
import io.gantry.agent.runtime.RuntimeEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The scripted future of the fake runtime's containers: when each becomes running, changes
 * health and exits. Transitions are applied in time order (ties in scheduling order); a
 * transition scheduled for an earlier run of a container (older {@code generation}) is dropped.
 * Called under the runtime's lock.
 */
final class FakeTimeline {
  private enum Kind {
    RUNNING,
    EXIT,
    HEALTH
  }

  private record Scheduled(Instant at, long seq, String runtimeId, long generation, Kind kind,
      int step) {}

  private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
      Comparator.comparing(Scheduled::at).thenComparingLong(Scheduled::seq));
  private long nextSeq;

  void scheduleStart(FakeContainer c, Instant at) {
    schedule(c, at, Kind.RUNNING, 0);
  }

  /** Applies every transition due by {@code now}, appending the events they cause to {@code out}. */
  void runDue(Map<String, FakeContainer> containers, Instant now, List<RuntimeEvent> out) {
    while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
      Scheduled s = queue.poll();
      FakeContainer c = containers.get(s.runtimeId());
      if (c == null || c.generation != s.generation()) {
        continue;
      }
      switch (s.kind()) {
        case RUNNING -> running(c, s.at(), out);
        case EXIT -> exit(c, s.at(), c.behavior.exitCode(), c.behavior.oomKilled(), out);
        case HEALTH -> health(c, healthScript(c).get(s.step()).status(), s.at(), out);
      }
    }
  }

  /** The container stops at {@code at} with {@code code}; its pending transitions are dropped. */
  static void exit(FakeContainer c, Instant at, int code, boolean oom, List<RuntimeEvent> out) {
    c.generation++;
    c.status = ContainerStatus.STOPPED;
    c.exitCode = code;
    c.oomKilled = oom;
    c.finishedAt = at;
    out.add(new RuntimeEvent.Died(c.id, c.spec.labels(), code, at));
  }

  private void schedule(FakeContainer c, Instant at, Kind kind, int step) {
    queue.add(new Scheduled(at, nextSeq++, c.id, c.generation, kind, step));
  }

  private void running(FakeContainer c, Instant at, List<RuntimeEvent> out) {
    c.startPending = false;
    c.status = ContainerStatus.RUNNING;
    c.startedAt = at;
    out.add(new RuntimeEvent.Started(c.id, c.spec.labels(), at));
    if (c.behavior.runFor() != null) {
      schedule(c, at.plus(c.behavior.runFor()), Kind.EXIT, 0);
    }
    if (c.spec.healthCheck() != null) {
      c.health = HealthStatus.STARTING;
      List<FakeBehavior.HealthStep> steps = healthScript(c);
      for (int i = 0; i < steps.size(); i++) {
        schedule(c, at.plus(steps.get(i).after()), Kind.HEALTH, i);
      }
    }
  }

  /** The scripted health steps, or by default: healthy after the check's first interval. */
  private static List<FakeBehavior.HealthStep> healthScript(FakeContainer c) {
    if (c.behavior.health() != null) {
      return c.behavior.health();
    }
    return List.of(new FakeBehavior.HealthStep(c.spec.healthCheck().interval(), HealthStatus.HEALTHY));
  }

  private static void health(FakeContainer c, HealthStatus status, Instant at,
      List<RuntimeEvent> out) {
    if (c.status == ContainerStatus.RUNNING && c.health != status) {
      c.health = status;
      out.add(new RuntimeEvent.HealthChanged(c.id, c.spec.labels(), status, at));
    }
  }
}
