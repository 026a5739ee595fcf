package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.Service;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What StopServiceDeployment does to a service whose PRIMARY deployment is the PENDING or
 * IN_PROGRESS service deployment {@code h}. Pure.
 *
 * <ul>
 *   <li>ROLLBACK: a new PRIMARY deployment of the source revision's task definition takes over,
 *       the stopped one becomes ACTIVE with rolloutState FAILED; the service deployment is
 *       ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS once the controller takes it up, then
 *       ROLLBACK_SUCCESSFUL (or ROLLBACK_FAILED) with the rollback deployment.
 *   <li>ABORT: the deployment stops where it is, as a circuit-breaker failure without rollback
 *       does: its rolloutState is FAILED, the service launches no more tasks for it and keeps the
 *       tasks of every deployment running; the service deployment is STOP_REQUESTED, then
 *       STOPPED once the controller takes it up. A later UpdateService starts a new deployment.
 * </ul>
 */
final class DeploymentStops {
  static final String NO_SOURCE = "The service deployment has no source service revision to roll back to.";
  static final String ROLLBACK_REASON = "Service deployment stopped by request (ROLLBACK).";
  static final String ABORT_REASON = "Service deployment stopped by request (ABORT).";

  private DeploymentStops() {}

  static StoredService rollBack(StoredService stored, DeploymentHistory h, String newDeploymentId, Instant now) {
    if (h.sources().isEmpty()) {
      throw new EcsException(ErrorCode.CONFLICT, NO_SOURCE);
    }
    Service s = stored.service();
    DeploymentHistory.Source to = h.sources().get(0);
    Deployment primary = s.deployments().get(0);
    Deployment next = Deployment.start(newDeploymentId, to.taskDefinition(),
        s.desiredCount() == null ? 0 : s.desiredCount(), primary.launchType(), now,
        "Service deployment stopped: rolling back to " + to.deploymentId() + ".");
    List<Deployment> deployments = new ArrayList<>();
    deployments.add(next);
    s.deployments().forEach(d -> deployments.add(Deployment.PRIMARY.equals(d.status())
        ? d.withStatus(Deployment.ACTIVE, now).withRollout(Deployment.FAILED, ROLLBACK_REASON, now) : d));
    StoredService out = stored.changed(s.toBuilder().deployments(deployments).taskDefinition(to.taskDefinition())
        .build()).withSteadySince(null);
    return out.withHistory(stored.history().stream().map(x -> x == h
        ? x.rollingBack(DeploymentHistory.ROLLBACK_REQUESTED, ROLLBACK_REASON, to.revisionId(), next.id(), now)
        : x).toList());
  }

  static StoredService abort(StoredService stored, DeploymentHistory h, Instant now) {
    Service s = stored.service();
    List<Deployment> deployments = s.deployments().stream().map(d -> d.id().equals(h.deploymentId())
        ? d.withRollout(Deployment.FAILED, ABORT_REASON, now) : d).toList();
    StoredService out = stored.changed(s.toBuilder().deployments(deployments).build()).withSteadySince(null);
    return out.withHistory(stored.history().stream().map(x -> x == h
        ? x.with(DeploymentHistory.STOP_REQUESTED, ABORT_REASON, now) : x).toList());
  }
}
