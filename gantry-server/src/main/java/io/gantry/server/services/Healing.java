package io.gantry.server.services;

import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.StoppedReasons;
import io.gantry.server.services.ServiceAction.Emit;
import io.gantry.server.services.ServiceAction.Stop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first step of every pass, for any scheduling strategy: tasks on lost instances are given up
 * at once (stopped without waiting for an agent, and no longer counted), and RUNNING tasks that
 * stayed UNHEALTHY past the health-check grace period are stopped to be replaced. Pure.
 */
final class Healing {
  private Healing() {}

  /**
   * What healing decided.
   *
   * @param live the tasks not STOPPED and not on lost instances: what the rest of the pass counts
   * @param stopping the ids of tasks this pass stops (they no longer count as wanted)
   * @param requeue when an unhealthy task's grace period ends (null: none pending)
   */
  record Result(List<TaskView> live, Set<String> stopping, List<ServiceAction> effects, List<ServiceAction> record,
      Duration requeue) {}

  static Result heal(String service, List<TaskView> tasks, Duration grace, Instant now) {
    List<TaskView> live = new ArrayList<>();
    List<ServiceAction> effects = new ArrayList<>();
    List<ServiceAction> record = new ArrayList<>();
    Set<String> stopping = new HashSet<>();
    Map<String, List<String>> lostByInstance = new LinkedHashMap<>();
    for (TaskView t : tasks) {
      if (!t.live()) {
        continue;
      }
      if (t.host() == TaskView.Host.LOST) {
        lostByInstance.computeIfAbsent(t.instanceId(), k -> new ArrayList<>()).add(t.id());
      } else {
        live.add(t);
      }
    }
    lostByInstance.forEach((instance, ids) -> {
      effects.add(new Stop(ids, StoppedReasons.instanceLost(instance), true));
      record.add(new Emit(ServiceEvents.stopped(service, ids)));
    });

    Duration requeue = null;
    List<String> unhealthy = new ArrayList<>();
    for (TaskView t : live) {
      if (!t.wantedRunning() || !t.running() || t.health() != HealthStatus.UNHEALTHY) {
        continue;
      }
      Instant graceEnds = (t.startedAt() == null ? now : t.startedAt()).plus(grace);
      if (now.isBefore(graceEnds)) {
        requeue = Durations.min(requeue, Duration.between(now, graceEnds));
        continue;
      }
      unhealthy.add(t.id());
      stopping.add(t.id());
      record.add(new Emit(ServiceEvents.unhealthy(service, t.id())));
    }
    if (!unhealthy.isEmpty()) {
      effects.add(new Stop(unhealthy, StoppedReasons.FAILED_CONTAINER_HEALTH_CHECKS, false));
    }
    return new Result(live, stopping, effects, record, requeue);
  }
}
