package io.gantry.api.ecs.deployment;

import io.gantry.api.ecs.service.DeploymentConfiguration;
import java.time.Instant;
import java.util.List;

/**
 * One service deployment (ECS {@code ServiceDeployment}), members in the model's order; lifecycle
 * hooks are left out. {@code status} is PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED,
 * STOP_REQUESTED or one of the ROLLBACK_ states. Immutable.
 */
public record ServiceDeployment(
    ServiceDeploymentAlarms alarms,
    String clusterArn,
    Instant createdAt,
    ServiceDeploymentCircuitBreaker deploymentCircuitBreaker,
    DeploymentConfiguration deploymentConfiguration,
    Instant finishedAt,
    String lifecycleStage,
    Rollback rollback,
    String serviceArn,
    String serviceDeploymentArn,
    List<ServiceRevisionSummary> sourceServiceRevisions,
    Instant startedAt,
    String status,
    String statusReason,
    Instant stoppedAt,
    ServiceRevisionSummary targetServiceRevision,
    Instant updatedAt) {

  public ServiceDeployment {
    sourceServiceRevisions = sourceServiceRevisions == null ? List.of() : List.copyOf(sourceServiceRevisions);
  }

  /** The circuit breaker's state in a deployment (ECS {@code ServiceDeploymentCircuitBreaker}). */
  public record ServiceDeploymentCircuitBreaker(Integer failureCount, String status, Integer threshold) {}

  /** The CloudWatch alarms' state in a deployment (ECS {@code ServiceDeploymentAlarms}). */
  public record ServiceDeploymentAlarms(List<String> alarmNames, String status, List<String> triggeredAlarmNames) {}

  /** A rollback of the deployment (ECS {@code Rollback}): why, when, and to which revision. */
  public record Rollback(String reason, String serviceRevisionArn, Instant startedAt) {}

  /** A revision in a deployment and its task counts (ECS {@code ServiceRevisionSummary}). */
  public record ServiceRevisionSummary(String arn, Integer pendingTaskCount, Double requestedProductionTrafficWeight,
      Integer requestedTaskCount, Double requestedTestTrafficWeight, Integer runningTaskCount) {}
}
