package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.Service;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.StoppedReasons;
import io.gantry.server.services.ServiceAction.Emit;
import io.gantry.server.services.ServiceAction.LaunchOn;
import io.gantry.server.services.ServiceAction.MarkDeployment;
import io.gantry.server.services.ServiceAction.Stop;
import io.gantry.server.services.ServiceReconciler.Decision;
import io.gantry.server.services.ServiceReconciler.Inputs;
import io.gantry.server.tasks.ServiceTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The DAEMON scheduling strategy as a pure function: exactly one task of the PRIMARY deployment
 * on each eligible instance (ACTIVE, meeting the service's and the task definition's placement
 * constraints); the desired count is the number of eligible instances. Tasks on instances that
 * are no longer eligible are stopped — on a DRAINING instance only once the other services'
 * tasks there are gone. A new deployment replaces the task of each instance in place (stop the
 * old one, start the new one once it has STOPPED), as many instances at a time as the healthy
 * tasks above {@code minimumHealthyPercent} of the desired count allow (ECS's DAEMON default is
 * 0%); {@code maximumPercent} has no effect, as two tasks of a daemon never share an instance.
 * Lost and unhealthy tasks, the circuit breaker, back-off, counts and events are shared with
 * REPLICA services.
 */
final class DaemonReconciler {
  private DaemonReconciler() {}

  static Decision reconcile(Inputs in) {
    StoredService stored = in.stored();
    Service svc = stored.service();
    String name = svc.serviceName();
    Deployment primary = svc.deployments().get(0);
    boolean draining = Service.DRAINING.equals(svc.status());
    Instant now = in.now();
    ServiceTasks.DaemonHosts hosts = in.daemon() != null ? in.daemon()
        : new ServiceTasks.DaemonHosts(Set.of(), Set.of());
    Set<String> eligible = draining ? Set.of() : hosts.eligible();
    int desired = eligible.size();

    Healing.Result healed = Healing.heal(name, in.tasks(),
        Duration.ofSeconds(DeploymentTally.nz(svc.healthCheckGracePeriodSeconds())), now);
    List<TaskView> live = healed.live();
    Set<String> stopping = new HashSet<>(healed.stopping());
    List<ServiceAction> effects = new ArrayList<>(healed.effects());
    List<ServiceAction> record = new ArrayList<>(healed.record());
    Duration requeue = healed.requeue();
    if (!draining && (svc.desiredCount() == null || svc.desiredCount() != desired)) {
      record.add(new ServiceAction.DesiredCount(desired));
    }
    Map<String, Integer> failedBy = FailureHistory.byDeployment(in.tasks(), in.earlyExit());
    int primaryFailed = Math.max(DeploymentTally.nz(primary.failedTasks()), failedBy.getOrDefault(primary.id(), 0));
    CircuitBreaker.Verdict verdict = CircuitBreaker.evaluate(stored, desired, primaryFailed, in.spareDeploymentId(),
        now);
    record.addAll(verdict.record());
    if (verdict.rolledBack()) {
      return finish(svc, desired, live, stopping, failedBy, effects, record, Duration.ZERO);
    }
    boolean halted = verdict.halted();
    java.util.function.Predicate<TaskView> healthy = t -> t.wantedRunning() && !stopping.contains(t.id())
        && t.running() && (!in.healthChecked().contains(t.deploymentId()) || t.health() == HealthStatus.HEALTHY);

    Map<String, List<TaskView>> byInstance = new TreeMap<>();
    Set<String> occupied = new HashSet<>();
    for (TaskView t : live) {
      occupied.add(t.instanceId());
      if (t.wantedRunning() && !stopping.contains(t.id())) {
        byInstance.computeIfAbsent(t.instanceId(), k -> new ArrayList<>()).add(t);
      }
    }
    List<TaskView> misplaced = new ArrayList<>();
    List<TaskView> outdated = new ArrayList<>();
    int settledHosts = 0;
    for (Map.Entry<String, List<TaskView>> e : byInstance.entrySet()) {
      if (!eligible.contains(e.getKey())) {
        if (draining || !hosts.busyDraining().contains(e.getKey())) {
          misplaced.addAll(e.getValue());
        }
        continue;
      }
      List<TaskView> current = new ArrayList<>(e.getValue().stream()
          .filter(t -> primary.id().equals(t.deploymentId())).toList());
      current.sort(Comparator.comparing((TaskView t) -> !healthy.test(t))
          .thenComparing(TaskView::createdAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder())));
      if (current.size() > 1) {
        misplaced.addAll(current.subList(1, current.size()));
      }
      e.getValue().stream().filter(t -> !primary.id().equals(t.deploymentId())).forEach(outdated::add);
      if (current.size() == 1 && e.getValue().size() == 1 && healthy.test(current.get(0))) {
        settledHosts++;
      }
    }

    List<TaskView> failures = FailureHistory.inARow(in.tasks(), live, healthy);
    Instant nextLaunch = FailureHistory.nextLaunch(failures, in.limits().backoffBase(), in.limits().backoffMax());
    boolean throttled = now.isBefore(nextLaunch);
    if (throttled) {
      requeue = Durations.min(requeue, Duration.between(now, nextLaunch));
    }
    List<String> targets = new ArrayList<>();
    if (!halted && !throttled) {
      for (String id : new TreeSet<>(eligible)) {
        if (!occupied.contains(id) && targets.size() < in.limits().maxLaunches()) {
          targets.add(id);
        }
      }
    }
    if (!targets.isEmpty()) {
      effects.add(new LaunchOn(primary.id(), primary.taskDefinition(), targets));
    }

    int healthyNow = (int) live.stream().filter(healthy).count();
    int misplacedHealthy = (int) misplaced.stream().filter(healthy).count();
    int allowance = healthyNow - misplacedHealthy - Rollout.minimumHealthy(desired, svc.deploymentConfiguration());
    List<TaskView> stops = new ArrayList<>(misplaced.subList(0, Math.min(misplaced.size(), in.limits().maxStops())));
    if (!halted || draining) {
      outdated.sort(Comparator.comparing(healthy::test));
      stops.addAll(RolloutStep.withinAllowance(outdated, allowance, in.limits().maxStops() - stops.size(), healthy));
    }
    if (!stops.isEmpty()) {
      List<String> ids = stops.stream().map(TaskView::id).toList();
      stopping.addAll(ids);
      effects.add(new Stop(ids, StoppedReasons.scalingActivity(primary.id()), false));
      record.add(new Emit(ServiceEvents.stopped(name, ids)));
    }
    if (targets.size() == in.limits().maxLaunches() || stops.size() == in.limits().maxStops()) {
      requeue = Duration.ZERO;
    }

    boolean settled = targets.isEmpty() && stops.isEmpty() && outdated.isEmpty() && misplaced.isEmpty()
        && settledHosts == desired && live.stream().allMatch(t -> t.wantedRunning() && !stopping.contains(t.id())
            && eligible.contains(t.instanceId()));
    if (settled && !draining && primary.inProgress() && !halted) {
      record.add(new MarkDeployment(primary.id(), Deployment.COMPLETED, "ECS deployment " + primary.id()
          + " completed."));
      record.add(new Emit(ServiceEvents.deploymentCompleted(name, primary.id())));
    }
    boolean completed = Deployment.COMPLETED.equals(primary.rolloutState()) || (settled && primary.inProgress()
        && !halted);
    record.addAll(ServiceReconciler.steadiness(stored, settled && !draining && completed, live, now));
    String last = svc.events().isEmpty() ? "" : svc.events().get(0).message();
    if (throttled && failures.size() >= 3 && !last.equals(ServiceEvents.startImpaired(name))) {
      record.add(new Emit(ServiceEvents.startImpaired(name)));
    }
    if (draining && live.isEmpty()) {
      record.add(new ServiceAction.Deactivate());
    }
    return finish(svc, desired, live, stopping, failedBy, effects, record, requeue);
  }

  private static Decision finish(Service svc, int desired, List<TaskView> live, Set<String> stopping,
      Map<String, Integer> failedBy, List<ServiceAction> effects, List<ServiceAction> record, Duration requeue) {
    List<ServiceAction> out = new ArrayList<>();
    out.add(DeploymentTally.counts(svc, desired, live, stopping, failedBy));
    out.addAll(effects);
    out.addAll(record);
    out.addAll(DeploymentTally.retired(svc, live));
    return new Decision(out, requeue);
  }
}
