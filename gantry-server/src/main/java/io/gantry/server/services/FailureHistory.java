package io.gantry.server.services;

import java.time.Instant;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a service's stopped tasks say about failures: how many failed per deployment (what the
 * circuit breaker counts), the failures in a row since the newest healthy task started, and when
 * the next launch may happen under the back-off. Pure.
 */
final class FailureHistory {
  private FailureHistory() {}

  /**
   * Failed tasks per deployment id, as the circuit breaker counts them: as ECS does, a task that
   * never reached RUNNING or that was stopped UNHEALTHY; a task that ran and then exited only
   * when it exited within {@code earlyExit} of starting (Gantry's option; null: never).
   */
  static Map<String, Integer> byDeployment(List<TaskView> tasks, Duration earlyExit) {
    Map<String, Integer> out = new HashMap<>();
    for (TaskView t : tasks) {
      if (t.failed() && t.deploymentId() != null && countsForBreaker(t, earlyExit)) {
        out.merge(t.deploymentId(), 1, Integer::sum);
      }
    }
    return out;
  }

  static boolean countsForBreaker(TaskView t, Duration earlyExit) {
    if (t.startedAt() == null || t.health() == io.gantry.model.task.HealthStatus.UNHEALTHY) {
      return true;
    }
    return earlyExit != null && t.stoppedAt() != null
        && !t.stoppedAt().isAfter(t.startedAt().plus(earlyExit));
  }

  /** Failed tasks that stopped after the newest healthy one of {@code live} started. */
  static List<TaskView> inARow(List<TaskView> tasks, List<TaskView> live, Predicate<TaskView> healthy) {
    Instant lastGood = live.stream().filter(healthy).map(TaskView::startedAt)
        .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(Instant.MIN);
    return tasks.stream().filter(t -> t.failed() && t.stoppedAt() != null && t.stoppedAt().isAfter(lastGood))
        .toList();
  }

  /** When the next launch may happen after the failures in a row {@code failures}. */
  static Instant nextLaunch(List<TaskView> failures, Duration base, Duration max) {
    Instant last = failures.stream().map(TaskView::stoppedAt).max(Comparator.naturalOrder()).orElse(null);
    return Rollout.nextLaunch(failures.size(), last, base, max);
  }
}
