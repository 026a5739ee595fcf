package io.gantry.server.services;

import io.gantry.api.ecs.service.DeploymentConfiguration;
import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import java.time.Instant;
import java.util.List;

/**
 * One service deployment as ListServiceDeployments and DescribeServiceDeployments show it, kept
 * inside the stored service (so it changes under the service's compare-and-set and survives
 * restarts). {@code deploymentId} is the {@code ecs-svc/…} deployment of {@code deployments[]} it
 * started; {@code arnId} and the revision's id are derived from it. A rollback (by the circuit
 * breaker or StopServiceDeployment) runs as another {@code ecs-svc/…} deployment,
 * {@code rollbackDeploymentId}, of the revision {@code rollbackRevisionId}; it has no entry of its
 * own, as in ECS. Immutable.
 */
record DeploymentHistory(
    String deploymentId,
    String arnId,
    Revision revision,
    List<Source> sources,
    DeploymentConfiguration configuration,
    String status,
    String statusReason,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant stoppedAt,
    Instant updatedAt,
    Integer failedTasks,
    boolean breakerTriggered,
    String rollbackReason,
    Instant rollbackStartedAt,
    String rollbackRevisionId,
    String rollbackDeploymentId) {

  static final String PENDING = "PENDING";
  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String SUCCESSFUL = "SUCCESSFUL";
  static final String STOPPED = "STOPPED";
  static final String STOP_REQUESTED = "STOP_REQUESTED";
  static final String ROLLBACK_REQUESTED = "ROLLBACK_REQUESTED";
  static final String ROLLBACK_IN_PROGRESS = "ROLLBACK_IN_PROGRESS";
  static final String ROLLBACK_SUCCESSFUL = "ROLLBACK_SUCCESSFUL";
  static final String ROLLBACK_FAILED = "ROLLBACK_FAILED";
  static final List<String> STATUSES = List.of(PENDING, SUCCESSFUL, STOPPED, STOP_REQUESTED, IN_PROGRESS,
      ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED);
  /** ECS's "pending" and "ongoing" stages: the statuses a deployment has not finished in. */
  static final List<String> ONGOING = List.of(PENDING, IN_PROGRESS, STOP_REQUESTED, ROLLBACK_REQUESTED,
      ROLLBACK_IN_PROGRESS);

  DeploymentHistory {
    sources = sources == null ? List.of() : List.copyOf(sources);
  }

  /** What a deployment runs (ECS {@code ServiceRevision} without its ARNs). */
  record Revision(String id, String taskDefinition, String launchType,
      List<CapacityProviderStrategyItem> capacityProviderStrategy, String platformFamily, String platformVersion,
      NetworkConfiguration networkConfiguration, Instant createdAt) {
    Revision {
      capacityProviderStrategy = capacityProviderStrategy == null ? List.of() : List.copyOf(capacityProviderStrategy);
    }
  }

  /** A revision the deployment moves away from: the deployment that ran it, its revision and task definition. */
  record Source(String deploymentId, String revisionId, String taskDefinition) {}

  /** Not finished yet (PENDING, IN_PROGRESS, or a stop or rollback requested or under way). */
  boolean ongoing() {
    return ONGOING.contains(status);
  }

  /** Rolling out its own revision: PENDING or IN_PROGRESS (what StopServiceDeployment acts on). */
  boolean rollingOut() {
    return PENDING.equals(status) || IN_PROGRESS.equals(status);
  }

  DeploymentHistory with(String newStatus, String reason, Instant now) {
    boolean done = !ONGOING.contains(newStatus);
    boolean stopped = STOPPED.equals(newStatus);
    Instant started = startedAt == null && !PENDING.equals(newStatus) ? now : startedAt;
    return new DeploymentHistory(deploymentId, arnId, revision, sources, configuration, newStatus,
        reason != null ? reason : statusReason, createdAt, started, done && !stopped ? now : finishedAt,
        stopped ? now : stoppedAt, now, failedTasks, breakerTriggered, rollbackReason, rollbackStartedAt,
        rollbackRevisionId, rollbackDeploymentId);
  }

  DeploymentHistory withFailures(Integer failed, boolean triggered) {
    return new DeploymentHistory(deploymentId, arnId, revision, sources, configuration, status, statusReason,
        createdAt, startedAt, finishedAt, stoppedAt, updatedAt, failed, triggered || breakerTriggered, rollbackReason,
        rollbackStartedAt, rollbackRevisionId, rollbackDeploymentId);
  }

  /** Rolling back ({@code newStatus} ROLLBACK_REQUESTED by the API, ROLLBACK_IN_PROGRESS by the breaker). */
  DeploymentHistory rollingBack(String newStatus, String reason, String toRevisionId, String rollbackId,
      Instant now) {
    return new DeploymentHistory(deploymentId, arnId, revision, sources, configuration, newStatus, reason,
        createdAt, startedAt == null ? now : startedAt, finishedAt, stoppedAt, now, failedTasks, breakerTriggered, reason, now, toRevisionId,
        rollbackId);
  }
}
