package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.DeploymentCircuitBreaker;
import io.gantry.api.ecs.service.Service;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.StoppedReasons;
import io.gantry.server.services.ServiceAction.Counts;
import io.gantry.server.services.ServiceAction.DeploymentCounts;
import io.gantry.server.services.ServiceAction.Emit;
import io.gantry.server.services.ServiceAction.Launch;
import io.gantry.server.services.ServiceAction.MarkDeployment;
import io.gantry.server.services.ServiceAction.RollBack;
import io.gantry.server.services.ServiceAction.Stop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The service scheduler's decision, as a pure function of a stored service, its tasks and the
 * time: {@code reconcile(service, tasks, now) → actions}. It converges the service on its PRIMARY
 * deployment with desiredCount tasks while, at every step, at most maximumPercent of the desired
 * count exist (RUNNING, PENDING or STOPPING; rounded down) and at least minimumHealthyPercent
 * (rounded up) are RUNNING and, for task definitions with health checks, HEALTHY: new tasks are
 * started first as far as the maximum allows, older ones stopped only as far as healthy ones
 * exceed the minimum. Tasks on lost instances are given up at once; tasks that fail their health
 * checks (after the grace period) are replaced. The circuit breaker fails a deployment at its
 * threshold of failed tasks and rolls back to the last completed one; repeated failures delay
 * launches with a back-off. Launches and stops per pass are budgeted. Idempotent: running it again
 * on the same inputs asks for the same things.
 */
final class ServiceReconciler {
  static final Duration STEADY_EVENT_EVERY = Duration.ofHours(6);

  private ServiceReconciler() {}

  /** Budgets and back-off of one pass. */
  record Limits(int maxLaunches, int maxStops, Duration backoffBase, Duration backoffMax) {
    static final Limits DEFAULT = new Limits(20, 20, Duration.ofSeconds(1), Duration.ofMinutes(5));
  }

  /**
   * @param healthChecked the deployments whose task definition has an essential container with a health check
   * @param spareDeploymentId the id a deployment created by this pass (a rollback) takes
   */
  record Inputs(StoredService stored, List<TaskView> tasks, Set<String> healthChecked, Instant now,
      String spareDeploymentId, Limits limits) {
    Inputs {
      tasks = List.copyOf(tasks);
      healthChecked = Set.copyOf(healthChecked);
    }
  }

  /** The actions, in the order to apply them, and when to look again if nothing else happens (null: no need). */
  record Decision(List<ServiceAction> actions, Duration requeueAfter) {
    Decision {
      actions = List.copyOf(actions);
    }
  }

  static Decision reconcile(Inputs in) {
    Service svc = in.stored().service();
    if (Service.INACTIVE.equals(svc.status()) || svc.deployments().isEmpty()) {
      return new Decision(List.of(), null);
    }
    Pass p = new Pass(in);
    return p.run();
  }

  /** The working state of one pass. */
  private static final class Pass {
    final Inputs in;
    final Service svc;
    final String name;
    final Deployment primary;
    final boolean draining;
    final int desired;
    final Instant now;
    final List<ServiceAction> effects = new ArrayList<>();
    final List<ServiceAction> record = new ArrayList<>();
    final Set<String> stopping = new HashSet<>();
    final List<TaskView> live = new ArrayList<>();
    Duration requeue;

    Pass(Inputs in) {
      this.in = in;
      this.svc = in.stored().service();
      this.name = svc.serviceName();
      this.primary = svc.deployments().get(0);
      this.draining = Service.DRAINING.equals(svc.status());
      this.desired = draining || svc.desiredCount() == null ? 0 : svc.desiredCount();
      this.now = in.now();
    }

    Decision run() {
      giveUpLost();
      replaceUnhealthy();
      Map<String, Integer> failedBy = failedByDeployment();
      int primaryFailed = Math.max(nz(primary.failedTasks()), failedBy.getOrDefault(primary.id(), 0));
      DeploymentCircuitBreaker breaker = svc.deploymentConfiguration() == null ? DeploymentCircuitBreaker.OFF
          : svc.deploymentConfiguration().breaker();
      boolean halted = Deployment.FAILED.equals(primary.rolloutState());
      if (!draining && breaker.enabled() && primary.inProgress()
          && primaryFailed >= Rollout.failureThreshold(desired)) {
        record.add(new MarkDeployment(primary.id(), Deployment.FAILED,
            "ECS deployment circuit breaker: tasks failed to start."));
        record.add(new Emit(ServiceEvents.deploymentFailed(name, primary.id())));
        Deployment back = in.stored().lastCompleted();
        if (breaker.rollsBack() && back != null && !back.id().equals(primary.id())) {
          Deployment next = Deployment.start(in.spareDeploymentId(), back.taskDefinition(), desired,
              primary.launchType(), now, "ECS deployment circuit breaker: rolling back to deploymentId " + back.id()
                  + ".");
          record.add(new RollBack(next));
          record.add(new Emit(ServiceEvents.rollingBack(name, primary.id(), back.id())));
          return finish(failedBy, Duration.ZERO);
        }
        halted = true;
      }

      List<TaskView> wanted = live.stream().filter(t -> t.wantedRunning() && !stopping.contains(t.id())).toList();
      List<TaskView> current = wanted.stream()
          .filter(t -> primary.id().equals(t.deploymentId()) && t.host() == TaskView.Host.OK).toList();
      List<TaskView> outdated = wanted.stream().filter(t -> !current.contains(t)).toList();
      int healthy = (int) wanted.stream().filter(this::healthy).count();
      int minHealthy = Rollout.minimumHealthy(desired, svc.deploymentConfiguration());
      int maxTotal = Rollout.maximum(desired, svc.deploymentConfiguration());

      int launches = 0;
      Instant nextLaunch = backoff();
      boolean throttled = now.isBefore(nextLaunch);
      if (throttled) {
        requeue = min(requeue, Duration.between(now, nextLaunch));
      }
      if (!draining && !halted && !throttled) {
        launches = Math.max(0, Math.min(Math.min(desired - current.size(), maxTotal - live.size()),
            in.limits().maxLaunches()));
      }
      if (launches > 0) {
        effects.add(new Launch(primary.id(), primary.taskDefinition(), launches));
      }

      List<TaskView> stops = chooseStops(current, outdated, halted, healthy - minHealthy);
      if (!stops.isEmpty()) {
        stops.forEach(t -> stopping.add(t.id()));
        effects.add(new Stop(stops.stream().map(TaskView::id).toList(),
            StoppedReasons.scalingActivity(primary.id()), false));
        record.add(new Emit(ServiceEvents.stopped(name, stops.stream().map(TaskView::id).toList())));
      }
      if (launches == in.limits().maxLaunches() || stops.size() == in.limits().maxStops()) {
        requeue = Duration.ZERO;
      }

      boolean settled = launches == 0 && stops.isEmpty() && outdated.isEmpty()
          && live.stream().allMatch(t -> t.wantedRunning() && !stopping.contains(t.id()))
          && current.size() == desired && current.stream().allMatch(this::healthy);
      if (settled && !draining && primary.inProgress() && !halted) {
        record.add(new MarkDeployment(primary.id(), Deployment.COMPLETED, "ECS deployment " + primary.id()
            + " completed."));
        record.add(new Emit(ServiceEvents.deploymentCompleted(name, primary.id())));
      }
      boolean completed = Deployment.COMPLETED.equals(primary.rolloutState()) || (settled && primary.inProgress()
          && !halted);
      boolean oneDeployment = svc.deployments().stream().skip(1).allMatch(d -> liveOf(d.id()) == 0);
      if (settled && !draining && completed && oneDeployment) {
        Instant since = in.stored().steadySince();
        if (since == null || !now.isBefore(since.plus(STEADY_EVENT_EVERY))) {
          record.add(new ServiceAction.Steady(now));
          record.add(new Emit(ServiceEvents.steadyState(name)));
        }
      } else if (in.stored().steadySince() != null) {
        record.add(new ServiceAction.Steady(null));
      }
      if (throttled && failuresInARow() >= 3 && !lastEvent().equals(ServiceEvents.startImpaired(name))) {
        record.add(new Emit(ServiceEvents.startImpaired(name)));
      }
      if (draining && live.isEmpty()) {
        record.add(new ServiceAction.Deactivate());
      }
      return finish(failedBy, requeue);
    }

    /** Tasks on lost instances are stopped at once; they no longer count for anything. */
    private void giveUpLost() {
      Map<String, List<String>> lostByInstance = new LinkedHashMap<>();
      for (TaskView t : in.tasks()) {
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
        record.add(new Emit(ServiceEvents.stopped(name, ids)));
      });
    }

    /** Tasks that failed their container health checks after the grace period are stopped and replaced. */
    private void replaceUnhealthy() {
      Duration grace = Duration.ofSeconds(nz(svc.healthCheckGracePeriodSeconds()));
      List<String> ids = new ArrayList<>();
      for (TaskView t : live) {
        if (!t.wantedRunning() || !t.running() || t.health() != HealthStatus.UNHEALTHY) {
          continue;
        }
        Instant graceEnds = (t.startedAt() == null ? now : t.startedAt()).plus(grace);
        if (now.isBefore(graceEnds)) {
          requeue = min(requeue, Duration.between(now, graceEnds));
          continue;
        }
        ids.add(t.id());
        stopping.add(t.id());
        record.add(new Emit(ServiceEvents.unhealthy(name, t.id())));
      }
      if (!ids.isEmpty()) {
        effects.add(new Stop(ids, StoppedReasons.FAILED_CONTAINER_HEALTH_CHECKS, false));
      }
    }

    /**
     * Which tasks to stop now: extra tasks of the PRIMARY deployment beyond the desired count and
     * tasks of older deployments (or on draining instances); those that are not healthy first,
     * since stopping them costs nothing, then healthy ones only as far as {@code allowance}
     * (healthy tasks above the minimum) lets. Older deployments' tasks are kept while the PRIMARY
     * deployment has failed without a rollback.
     */
    private List<TaskView> chooseStops(List<TaskView> current, List<TaskView> outdated, boolean halted,
        int allowance) {
      List<TaskView> candidates = new ArrayList<>();
      int extra = current.size() - desired;
      if (extra > 0) {
        List<TaskView> byPreference = new ArrayList<>(current);
        byPreference.sort(Comparator.comparing((TaskView t) -> healthy(t))
            .thenComparing(TaskView::createdAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()).reversed()));
        candidates.addAll(byPreference.subList(0, extra));
      }
      if (!halted || draining) {
        candidates.addAll(outdated);
      }
      candidates.sort(Comparator.comparing((TaskView t) -> healthy(t)));
      List<TaskView> out = new ArrayList<>();
      int left = allowance;
      for (TaskView t : candidates) {
        if (out.size() >= in.limits().maxStops()) {
          break;
        }
        if (healthy(t)) {
          if (left <= 0) {
            continue;
          }
          left--;
        }
        out.add(t);
      }
      return out;
    }

    /** Running, wanted, and HEALTHY when its deployment's task definition has health checks. */
    private boolean healthy(TaskView t) {
      return t.wantedRunning() && !stopping.contains(t.id()) && t.running()
          && (!in.healthChecked().contains(t.deploymentId()) || t.health() == HealthStatus.HEALTHY);
    }

    private Map<String, Integer> failedByDeployment() {
      Map<String, Integer> out = new HashMap<>();
      for (TaskView t : in.tasks()) {
        if (t.failed() && t.deploymentId() != null) {
          out.merge(t.deploymentId(), 1, Integer::sum);
        }
      }
      return out;
    }

    /** Failed tasks that stopped after the newest healthy task started: the failures in a row. */
    private List<TaskView> recentFailures() {
      Instant lastGood = live.stream().filter(this::healthy).map(TaskView::startedAt)
          .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(Instant.MIN);
      return in.tasks().stream().filter(t -> t.failed() && t.stoppedAt() != null && t.stoppedAt().isAfter(lastGood))
          .toList();
    }

    private int failuresInARow() {
      return recentFailures().size();
    }

    private Instant backoff() {
      List<TaskView> failures = recentFailures();
      Instant last = failures.stream().map(TaskView::stoppedAt).max(Comparator.naturalOrder()).orElse(null);
      return Rollout.nextLaunch(failures.size(), last, in.limits().backoffBase(), in.limits().backoffMax());
    }

    private int liveOf(String deploymentId) {
      return (int) live.stream().filter(t -> deploymentId.equals(t.deploymentId())).count();
    }

    private String lastEvent() {
      return svc.events().isEmpty() ? "" : svc.events().get(0).message();
    }

    /** The counts first, then the effects, then the rest; old deployments without tasks retire. */
    private Decision finish(Map<String, Integer> failedBy, Duration requeueAfter) {
      Map<String, DeploymentCounts> counts = new HashMap<>();
      for (Deployment d : svc.deployments()) {
        int running = 0;
        int pending = 0;
        int wanted = 0;
        for (TaskView t : live) {
          if (!d.id().equals(t.deploymentId())) {
            continue;
          }
          boolean stillWanted = t.wantedRunning() && !stopping.contains(t.id());
          running += t.running() && stillWanted ? 1 : 0;
          pending += stillWanted && t.lastStatus().before(io.gantry.model.task.TaskStatus.RUNNING) ? 1 : 0;
          wanted += stillWanted ? 1 : 0;
        }
        int failed = Math.max(nz(d.failedTasks()), failedBy.getOrDefault(d.id(), 0));
        counts.put(d.id(), new DeploymentCounts(d == primary ? desired : wanted, running, pending, failed));
      }
      int running = (int) live.stream().filter(TaskView::running).count();
      int pending = (int) live.stream().filter(t -> t.wantedRunning() && !stopping.contains(t.id())
          && t.lastStatus().before(io.gantry.model.task.TaskStatus.RUNNING)).count();
      List<ServiceAction> out = new ArrayList<>();
      out.add(new Counts(counts, running, pending));
      out.addAll(effects);
      out.addAll(record);
      for (Deployment d : svc.deployments().subList(1, svc.deployments().size())) {
        if (liveOf(d.id()) == 0) {
          out.add(new ServiceAction.Retire(d.id()));
        }
      }
      return new Decision(out, requeueAfter);
    }
  }

  private static int nz(Integer v) {
    return v == null ? 0 : v;
  }

  private static Duration min(Duration a, Duration b) {
    return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
  }
}
