package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.Service;
import io.gantry.model.task.TaskStatus;
import io.gantry.server.services.ServiceAction.Counts;
import io.gantry.server.services.ServiceAction.DeploymentCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The counts a pass records (each deployment's desired, running, pending and failed tasks, the
 * service's running and pending ones) and the older deployments it retires (those with no task
 * left). Tasks this pass stops no longer count as wanted. Pure.
 */
final class DeploymentTally {
  private DeploymentTally() {}

  /** The Counts action of a pass. */
  static Counts counts(Service svc, int desired, List<TaskView> live, Set<String> stopping,
      Map<String, Integer> failedBy) {
    Deployment primary = svc.deployments().get(0);
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
        pending += stillWanted && t.lastStatus().before(TaskStatus.RUNNING) ? 1 : 0;
        wanted += stillWanted ? 1 : 0;
      }
      int failed = Math.max(nz(d.failedTasks()), failedBy.getOrDefault(d.id(), 0));
      counts.put(d.id(), new DeploymentCounts(d == primary ? desired : wanted, running, pending, failed));
    }
    int running = (int) live.stream().filter(TaskView::running).count();
    int pending = (int) live.stream().filter(t -> t.wantedRunning() && !stopping.contains(t.id())
        && t.lastStatus().before(TaskStatus.RUNNING)).count();
    return new Counts(counts, running, pending);
  }

  /** Retire actions for the older deployments with no live task. */
  static List<ServiceAction> retired(Service svc, List<TaskView> live) {
    List<ServiceAction> out = new ArrayList<>();
    for (Deployment d : svc.deployments().subList(1, svc.deployments().size())) {
      if (liveOf(live, d.id()) == 0) {
        out.add(new ServiceAction.Retire(d.id()));
      }
    }
    return out;
  }

  static int liveOf(List<TaskView> live, String deploymentId) {
    return (int) live.stream().filter(t -> deploymentId.equals(t.deploymentId())).count();
  }

  static int nz(Integer v) {
    return v == null ? 0 : v;
  }
}
