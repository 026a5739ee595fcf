package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.DeploymentCircuitBreaker;
import io.gantry.api.ecs.service.DeploymentConfiguration;
import io.gantry.api.ecs.service.Service;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A toy world for the pure reconciler: a stored service and task views that tests move along by
 * hand (start, become healthy, fail, stop), applying the reconciler's decisions as the executor
 * would. Not thread-safe.
 */
final class ServiceWorld {
  StoredService stored;
  final List<TaskView> tasks = new ArrayList<>();
  final boolean healthChecked;
  Instant now = Instant.parse("2025-01-01T00:00:00Z");
  int ids;
  int deployments;
  Duration earlyExit;

  ServiceWorld(int desired, int minPercent, int maxPercent, boolean breaker, boolean healthChecked) {
    this.healthChecked = healthChecked;
    DeploymentConfiguration config = new DeploymentConfiguration(null, null, null,
        new DeploymentCircuitBreaker(breaker, breaker), null, null, maxPercent, minPercent, null);
    Service s = Service.builder().serviceName("web").status(Service.ACTIVE).desiredCount(desired)
        .deploymentConfiguration(config).taskDefinition("td:1")
        .deployments(List.of(Deployments.start(nextDeploymentId(), "td:1", desired, "EC2", now))).build();
    stored = new StoredService(s, null, null, 1, null, null, List.of());
  }

  String nextDeploymentId() {
    return String.format("ecs-svc/%019d", ++deployments);
  }

  Deployment primary() {
    return stored.service().deployments().get(0);
  }

  /** One reconcile; its effects and record actions applied. */
  ServiceReconciler.Decision pass() {
    Set<String> checked = new java.util.HashSet<>();
    if (healthChecked) {
      stored.service().deployments().forEach(d -> checked.add(d.id()));
    }
    ServiceReconciler.Decision d = ServiceReconciler.reconcile(new ServiceReconciler.Inputs(stored, tasks, checked, now,
        String.format("ecs-svc/%019d", deployments + 1), new ServiceReconciler.Limits(20, 20, Duration.ofSeconds(1),
            Duration.ofMinutes(5)), null, earlyExit));
    for (ServiceAction a : d.actions()) {
      if (a instanceof ServiceAction.Launch l) {
        for (int i = 0; i < l.count(); i++) {
          tasks.add(new TaskView("t" + (++ids), l.deploymentId(), TaskStatus.PENDING, true, HealthStatus.UNKNOWN, now,
              null, null, false, "i1", TaskView.Host.OK));
        }
      } else if (a instanceof ServiceAction.Stop s) {
        for (String id : s.taskIds()) {
          replace(id, t -> s.atOnce() ? stopped(t, false) : withWanted(t, false));
        }
      } else if (a instanceof ServiceAction.RollBack) {
        deployments++;
      }
    }
    stored = ServiceChanges.apply(stored, d.actions(), now, () -> "e" + (++ids));
    return d;
  }

  void replace(String id, java.util.function.UnaryOperator<TaskView> change) {
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i).id().equals(id)) {
        tasks.set(i, change.apply(tasks.get(i)));
      }
    }
  }

  static TaskView withWanted(TaskView t, boolean wanted) {
    return new TaskView(t.id(), t.deploymentId(), t.lastStatus(), wanted, t.health(), t.createdAt(), t.startedAt(),
        t.stoppedAt(), t.failed(), t.instanceId(), t.host(), t.capacityProvider());
  }

  TaskView running(TaskView t, HealthStatus health) {
    return new TaskView(t.id(), t.deploymentId(), TaskStatus.RUNNING, t.wantedRunning(), health, t.createdAt(), now,
        null, false, t.instanceId(), t.host(), t.capacityProvider());
  }

  TaskView stopped(TaskView t, boolean failed) {
    return new TaskView(t.id(), t.deploymentId(), TaskStatus.STOPPED, false, t.health(), t.createdAt(), t.startedAt(),
        now, failed, t.instanceId(), t.host(), t.capacityProvider());
  }

  /** Tasks that exist: RUNNING, PENDING or STOPPING. */
  int existing() {
    return (int) tasks.stream().filter(TaskView::live).count();
  }

  int healthy() {
    return (int) tasks.stream().filter(t -> t.wantedRunning() && t.running()
        && (!healthChecked || t.health() == HealthStatus.HEALTHY)).count();
  }

  /** Every task moves as far as it can: pending ones start healthy, stopping ones stop. */
  void settle() {
    for (TaskView t : List.copyOf(tasks)) {
      if (t.live() && !t.wantedRunning()) {
        replace(t.id(), x -> stopped(x, false));
      } else if (t.live() && !t.running()) {
        replace(t.id(), x -> running(x, HealthStatus.HEALTHY));
      }
    }
  }
}
