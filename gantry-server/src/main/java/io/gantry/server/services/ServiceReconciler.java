package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.Service;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.StoppedReasons;
import io.gantry.server.tasks.ServiceTasks;
import io.gantry.server.services.ServiceAction.Emit;
import io.gantry.server.services.ServiceAction.Launch;
import io.gantry.server.services.ServiceAction.MarkDeployment;
import io.gantry.server.services.ServiceAction.Stop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
  static final String EARLY_EXIT_TAG = "gantry:circuit-breaker-early-exit-seconds";

  private ServiceReconciler() {}

  /** Budgets and back-off of one pass. */
  record Limits(int maxLaunches, int maxStops, Duration backoffBase, Duration backoffMax) {
    static final Limits DEFAULT = new Limits(20, 20, Duration.ofSeconds(1), Duration.ofMinutes(5));
  }

  /**
   * @param healthChecked the deployments whose task definition has an essential container with a health check
   * @param spareDeploymentId the id a deployment created by this pass (a rollback) takes
   * @param daemon where a DAEMON service's tasks belong (null for a REPLICA service)
   * @param earlyExit the circuit breaker also counts tasks that exit within this long of reaching
   *     RUNNING (the service tag {@value #EARLY_EXIT_TAG}; null: ECS's behaviour, it does not)
   */
  record Inputs(StoredService stored, List<TaskView> tasks, Set<String> healthChecked, Instant now,
      String spareDeploymentId, Limits limits, ServiceTasks.DaemonHosts daemon, Duration earlyExit) {
    Inputs {
      tasks = List.copyOf(tasks);
      healthChecked = Set.copyOf(healthChecked);
    }

    /** The inputs of a REPLICA service. */
    Inputs(StoredService stored, List<TaskView> tasks, Set<String> healthChecked, Instant now,
        String spareDeploymentId, Limits limits) {
      this(stored, tasks, healthChecked, now, spareDeploymentId, limits, null, null);
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
    Decision d = ServiceRules.DAEMON.equals(svc.schedulingStrategy()) ? DaemonReconciler.reconcile(in)
        : new Pass(in).run();
    if (!DeploymentHistories.awaitingController(in.stored().history())) {
      return d;
    }
    List<ServiceAction> actions = new ArrayList<>();
    actions.add(new ServiceAction.Acknowledge());
    actions.addAll(d.actions());
    return new Decision(actions, d.requeueAfter());
  }

  /**
   * A steady-state event when the service is settled, its deployment completed and no older
   * deployment has tasks left (again every six hours); not steady any more otherwise.
   */
  static List<ServiceAction> steadiness(StoredService stored, boolean settledAndCompleted, List<TaskView> live,
      Instant now) {
    Service svc = stored.service();
    boolean oneDeployment = svc.deployments().stream().skip(1)
        .allMatch(d -> DeploymentTally.liveOf(live, d.id()) == 0);
    if (settledAndCompleted && oneDeployment) {
      Instant since = stored.steadySince();
      if (since == null || !now.isBefore(since.plus(STEADY_EVENT_EVERY))) {
        return List.of(new ServiceAction.Steady(now), new Emit(ServiceEvents.steadyState(svc.serviceName())));
      }
      return List.of();
    }
    return stored.steadySince() != null ? List.of(new ServiceAction.Steady(null)) : List.of();
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
      Healing.Result healed = Healing.heal(name, in.tasks(),
          Duration.ofSeconds(DeploymentTally.nz(svc.healthCheckGracePeriodSeconds())), now);
      live.addAll(healed.live());
      stopping.addAll(healed.stopping());
      effects.addAll(healed.effects());
      record.addAll(healed.record());
      requeue = healed.requeue();
      Map<String, Integer> failedBy = FailureHistory.byDeployment(in.tasks(), in.earlyExit());
      int primaryFailed = Math.max(DeploymentTally.nz(primary.failedTasks()), failedBy.getOrDefault(primary.id(), 0));
      CircuitBreaker.Verdict verdict = CircuitBreaker.evaluate(in.stored(), desired, primaryFailed,
          in.spareDeploymentId(), now);
      record.addAll(verdict.record());
      if (verdict.rolledBack()) {
        return finish(failedBy, Duration.ZERO);
      }
      boolean halted = verdict.halted();

      List<TaskView> wanted = live.stream().filter(t -> t.wantedRunning() && !stopping.contains(t.id())).toList();
      List<TaskView> current = wanted.stream()
          .filter(t -> primary.id().equals(t.deploymentId()) && t.host() == TaskView.Host.OK).toList();
      List<TaskView> outdated = wanted.stream().filter(t -> !current.contains(t)).toList();
      int healthy = (int) wanted.stream().filter(this::healthy).count();
      int minHealthy = Rollout.minimumHealthy(desired, svc.deploymentConfiguration());
      int maxTotal = Rollout.maximum(desired, svc.deploymentConfiguration());

      int launches = 0;
      List<TaskView> failures = FailureHistory.inARow(in.tasks(), live, this::healthy);
      Instant nextLaunch = FailureHistory.nextLaunch(failures, in.limits().backoffBase(), in.limits().backoffMax());
      boolean throttled = now.isBefore(nextLaunch);
      if (throttled) {
        requeue = Durations.min(requeue, Duration.between(now, nextLaunch));
      }
      if (!draining && !halted && !throttled) {
        launches = RolloutStep.launches(desired, current.size(), live.size(), maxTotal, in.limits().maxLaunches());
      }
      if (launches > 0) {
        effects.add(new Launch(primary.id(), primary.taskDefinition(), launches));
      }

      List<TaskView> stops = RolloutStep.stops(current, outdated, desired, halted, draining, healthy - minHealthy,
          in.limits().maxStops(), this::healthy, primary.capacityProviderStrategy());
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
      // With the early-exit option a rollout is not over until its tasks have run that long: a
      // task that exits sooner must still count against the deployment it belongs to.
      Duration bake = primary.inProgress() ? bakeLeft(current, in.earlyExit(), in.now()) : Duration.ZERO;
      if (settled && !bake.isZero()) {
        requeue = Durations.min(requeue, bake);
      }
      boolean baked = bake.isZero();
      if (settled && baked && !draining && primary.inProgress() && !halted) {
        record.add(new MarkDeployment(primary.id(), Deployment.COMPLETED, "ECS deployment " + primary.id()
            + " completed."));
        record.add(new Emit(ServiceEvents.deploymentCompleted(name, primary.id())));
      }
      boolean completed = Deployment.COMPLETED.equals(primary.rolloutState()) || (settled && baked
          && primary.inProgress() && !halted);
      steadiness(settled && !draining && completed);
      if (throttled && failures.size() >= 3 && !lastEvent().equals(ServiceEvents.startImpaired(name))) {
        record.add(new Emit(ServiceEvents.startImpaired(name)));
      }
      if (draining && live.isEmpty()) {
        record.add(new ServiceAction.Deactivate());
      }
      return finish(failedBy, requeue);
    }

    private void steadiness(boolean settledAndCompleted) {
      record.addAll(ServiceReconciler.steadiness(in.stored(), settledAndCompleted, live, now));
    }

    /** Running, wanted, and HEALTHY when its deployment's task definition has health checks. */
    private boolean healthy(TaskView t) {
      return t.wantedRunning() && !stopping.contains(t.id()) && t.running()
          && (!in.healthChecked().contains(t.deploymentId()) || t.health() == HealthStatus.HEALTHY);
    }

    private String lastEvent() {
      return svc.events().isEmpty() ? "" : svc.events().get(0).message();
    }

    /** The counts first, then the effects, then the rest; old deployments without tasks retire. */
    /** How long until every one of {@code tasks} has run for {@code earlyExit} (zero when they have, or with no option). */
    private static Duration bakeLeft(List<TaskView> tasks, Duration earlyExit, Instant now) {
      Duration left = Duration.ZERO;
      if (earlyExit == null) {
        return left;
      }
      for (TaskView t : tasks) {
        Instant baked = (t.startedAt() != null ? t.startedAt() : now).plus(earlyExit);
        if (baked.isAfter(now) && Duration.between(now, baked).compareTo(left) > 0) {
          left = Duration.between(now, baked);
        }
      }
      return left;
    }

    private Decision finish(Map<String, Integer> failedBy, Duration requeueAfter) {
      List<ServiceAction> out = new ArrayList<>();
      out.add(DeploymentTally.counts(svc, desired, live, stopping, failedBy));
      out.addAll(effects);
      out.addAll(record);
      out.addAll(DeploymentTally.retired(svc, live));
      return new Decision(out, requeueAfter);
    }
  }
}
