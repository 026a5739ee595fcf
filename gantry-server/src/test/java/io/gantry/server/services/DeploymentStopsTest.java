package io.gantry.server.services;

import static io.gantry.server.services.ServiceReconcilerTest.newDeployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.model.EcsException;
import io.gantry.model.task.HealthStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * StopServiceDeployment's effect on a service, and the service deployment's statuses as the
 * controller takes them up, on the pure reconciler's toy world.
 */
class DeploymentStopsTest {

  /** A four-task service at steady state whose history has its first deployment, then a rollout to td:2 begun. */
  static ServiceWorld midRollout() {
    ServiceWorld w = new ServiceWorld(4, 100, 150, false, true);
    w.stored = w.stored.withHistory(DeploymentHistories.started(List.of(), w.stored.service(), w.primary(), w.now));
    assertThat(w.stored.history().get(0).status()).isEqualTo(DeploymentHistory.PENDING);
    assertThat(w.stored.history().get(0).startedAt()).isNull();
    w.pass();
    assertThat(w.stored.history().get(0).status()).isEqualTo(DeploymentHistory.IN_PROGRESS);
    assertThat(w.stored.history().get(0).startedAt()).isEqualTo(w.now);
    w.settle();
    w.now = w.now.plusSeconds(1);
    w.pass();
    assertThat(w.stored.history().get(0).status()).isEqualTo(DeploymentHistory.SUCCESSFUL);
    assertThat(w.stored.history().get(0).finishedAt()).isEqualTo(w.now);
    newDeployment(w, "td:2");
    w.stored = w.stored.withHistory(DeploymentHistories.started(w.stored.history(), w.stored.service(), w.primary(),
        w.now));
    w.pass(); // two new tasks (maximum 6)
    assertThat(w.existing()).isEqualTo(6);
    assertThat(current(w).status()).isEqualTo(DeploymentHistory.IN_PROGRESS);
    return w;
  }

  static DeploymentHistory current(ServiceWorld w) {
    return w.stored.history().get(w.stored.history().size() - 1);
  }

  @Test
  void anAbortedDeploymentStopsWhereItIsLaunchingNothingAndKeepingEveryTask() {
    ServiceWorld w = midRollout();
    String aborted = w.primary().id();

    w.stored = DeploymentStops.abort(w.stored, current(w), w.now);

    assertThat(current(w).status()).isEqualTo(DeploymentHistory.STOP_REQUESTED);
    assertThat(w.primary().rolloutState()).isEqualTo(Deployment.FAILED);
    assertThat(w.primary().rolloutStateReason()).isEqualTo(DeploymentStops.ABORT_REASON);
    w.tasks.replaceAll(t -> t.deploymentId().equals(aborted) ? w.running(t, HealthStatus.HEALTHY) : t);
    for (int i = 0; i < 5; i++) {
      w.now = w.now.plus(Duration.ofMinutes(1));
      ServiceReconciler.Decision d = w.pass();
      assertThat(d.actions()).noneMatch(a -> a instanceof ServiceAction.Launch || a instanceof ServiceAction.Stop);
      w.settle();
    }
    assertThat(w.existing()).isEqualTo(6);
    assertThat(w.healthy()).isEqualTo(6);
    assertThat(current(w).status()).isEqualTo(DeploymentHistory.STOPPED);
    assertThat(current(w).stoppedAt()).isNotNull();
    assertThat(current(w).finishedAt()).isNull();
    assertThat(w.stored.service().deployments()).hasSize(2);
    assertThat(w.stored.steadySince()).isNull();
  }

  @Test
  void aRollbackIsRequestedThenInProgressThenSuccessful() {
    ServiceWorld w = midRollout();
    String stopped = w.primary().id();
    String back = w.nextDeploymentId();

    w.stored = DeploymentStops.rollBack(w.stored, current(w), back, w.now);

    assertThat(current(w).status()).isEqualTo(DeploymentHistory.ROLLBACK_REQUESTED);
    assertThat(w.primary().id()).isEqualTo(back);
    assertThat(w.primary().taskDefinition()).isEqualTo("td:1");
    assertThat(w.stored.service().deployments().get(1)).satisfies(d -> {
      assertThat(d.id()).isEqualTo(stopped);
      assertThat(d.status()).isEqualTo(Deployment.ACTIVE);
      assertThat(d.rolloutState()).isEqualTo(Deployment.FAILED);
    });
    w.pass();
    assertThat(current(w).status()).isEqualTo(DeploymentHistory.ROLLBACK_IN_PROGRESS);
    for (int i = 0; i < 10 && !DeploymentHistory.ROLLBACK_SUCCESSFUL.equals(current(w).status()); i++) {
      w.settle();
      w.now = w.now.plusSeconds(1);
      w.pass();
    }
    assertThat(current(w).status()).isEqualTo(DeploymentHistory.ROLLBACK_SUCCESSFUL);
    assertThat(w.stored.service().deployments()).singleElement()
        .satisfies(d -> assertThat(d.taskDefinition()).isEqualTo("td:1"));
  }

  @Test
  void theFirstDeploymentHasNothingToRollBackTo() {
    ServiceWorld w = new ServiceWorld(2, 100, 200, false, false);
    w.stored = w.stored.withHistory(DeploymentHistories.started(List.of(), w.stored.service(), w.primary(), w.now));

    assertThatThrownBy(() -> DeploymentStops.rollBack(w.stored, current(w), "ecs-svc/9", w.now))
        .isInstanceOf(EcsException.class).hasMessage(DeploymentStops.NO_SOURCE);
  }

  @Test
  void aNewDeploymentSupersedesOnesStillPendingOrStopping() {
    ServiceWorld w = midRollout();
    w.stored = DeploymentStops.abort(w.stored, current(w), w.now);
    newDeployment(w, "td:3");

    List<DeploymentHistory> h = DeploymentHistories.started(w.stored.history(), w.stored.service(), w.primary(),
        w.now);

    assertThat(h.get(1).status()).isEqualTo(DeploymentHistory.STOPPED);
    assertThat(h.get(1).statusReason()).isEqualTo(DeploymentHistories.SUPERSEDED);
    assertThat(h.get(2).status()).isEqualTo(DeploymentHistory.PENDING);
  }
}
