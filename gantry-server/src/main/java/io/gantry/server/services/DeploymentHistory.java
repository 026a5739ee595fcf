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
  static final String ROLLBACK_IN_PROGRESS = "ROLLBACK_IN_PROGRESS";
  static final String ROLLBACK_SUCCESSFUL = "ROLLBACK_SUCCESSFUL";
  static final String ROLLBACK_FAILED = "ROLLBACK_FAILED";
  static final List<String> STATUSES = List.of(PENDING, SUCCESSFUL, STOPPED, "STOP_REQUESTED", IN_PROGRESS,
      "ROLLBACK_REQUESTED", ROLLBACK_IN_PROGRESS, ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED);

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

  boolean inProgress() {
    return IN_PROGRESS.equals(status) || ROLLBACK_IN_PROGRESS.equals(status);
  }

  DeploymentHistory with(String newStatus, String reason, Instant now) {
    boolean done = !IN_PROGRESS.equals(newStatus) && !ROLLBACK_IN_PROGRESS.equals(newStatus);
    boolean stopped = STOPPED.equals(newStatus);
    return new DeploymentHistory(deploymentId, arnId, revision, sources, configuration, newStatus,
        reason != null ? reason : statusReason, createdAt, startedAt, done && !stopped ? now : finishedAt,
        stopped ? now : stoppedAt, now, failedTasks, breakerTriggered, rollbackReason, rollbackStartedAt,
        rollbackRevisionId, rollbackDeploymentId);
  }

  DeploymentHistory withFailures(Integer failed, boolean triggered) {
    return new DeploymentHistory(deploymentId, arnId, revision, sources, configuration, status, statusReason,
        createdAt, startedAt, finishedAt, stoppedAt, updatedAt, failed, triggered || breakerTriggered, rollbackReason,
        rollbackStartedAt, rollbackRevisionId, rollbackDeploymentId);
  }

  DeploymentHistory rollingBack(String reason, String toRevisionId, String rollbackId, Instant now) {
    return new DeploymentHistory(deploymentId, arnId, revision, sources, configuration, ROLLBACK_IN_PROGRESS, reason,
        createdAt, startedAt, finishedAt, stoppedAt, now, failedTasks, breakerTriggered, reason, now, toRevisionId,
        rollbackId);
  }
}
