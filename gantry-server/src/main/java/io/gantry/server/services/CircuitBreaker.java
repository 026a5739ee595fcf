package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.DeploymentCircuitBreaker;
import io.gantry.api.ecs.service.Service;
import io.gantry.server.services.ServiceAction.Emit;
import io.gantry.server.services.ServiceAction.MarkDeployment;
import io.gantry.server.services.ServiceAction.RollBack;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployment circuit breaker: an IN_PROGRESS PRIMARY deployment whose failed tasks reach
 * {@link Rollout#failureThreshold} FAILS; with rollback it is replaced by a new deployment of the
 * last COMPLETED one's task definition, otherwise the service stops launching (halted). A
 * deployment that has already FAILED stays halted. Pure.
 */
final class CircuitBreaker {
  private CircuitBreaker() {}

  /**
   * What the breaker decided.
   *
   * @param record the record actions (mark FAILED, roll back, events)
   * @param halted the PRIMARY deployment has failed without a rollback: launch nothing more
   * @param rolledBack a rollback deployment replaces the PRIMARY one: this pass ends here
   */
  record Verdict(List<ServiceAction> record, boolean halted, boolean rolledBack) {
    Verdict {
      record = List.copyOf(record);
    }
  }

  /** The breaker's verdict on {@code stored}'s PRIMARY deployment with {@code failed} failed tasks. */
  static Verdict evaluate(StoredService stored, int desired, int failed, String spareDeploymentId, Instant now) {
    Service svc = stored.service();
    Deployment primary = svc.deployments().get(0);
    boolean draining = Service.DRAINING.equals(svc.status());
    DeploymentCircuitBreaker breaker = svc.deploymentConfiguration() == null ? DeploymentCircuitBreaker.OFF
        : svc.deploymentConfiguration().breaker();
    boolean halted = Deployment.FAILED.equals(primary.rolloutState());
    if (draining || !breaker.enabled() || !primary.inProgress() || failed < Rollout.failureThreshold(desired)) {
      return new Verdict(List.of(), halted, false);
    }
    String name = svc.serviceName();
    List<ServiceAction> record = new ArrayList<>();
    record.add(new MarkDeployment(primary.id(), Deployment.FAILED,
        "ECS deployment circuit breaker: tasks failed to start."));
    record.add(new Emit(ServiceEvents.deploymentFailed(name, primary.id())));
    Deployment back = stored.lastCompleted();
    if (breaker.rollsBack() && back != null && !back.id().equals(primary.id())) {
      Deployment next = Deployment.start(spareDeploymentId, back.taskDefinition(), desired, primary.launchType(), now,
          "ECS deployment circuit breaker: rolling back to deploymentId " + back.id() + ".");
      record.add(new RollBack(next));
      record.add(new Emit(ServiceEvents.rollingBack(name, primary.id(), back.id())));
      return new Verdict(record, true, true);
    }
    return new Verdict(record, true, false);
  }
}
