package io.gantry.api.ecs.service;

import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import java.time.Instant;
import java.util.List;

/**
 * One deployment of a service (ECS {@code Deployment}), members in the model's order; those
 * for Fargate, Service Connect, volumes and VPC Lattice are left out. {@code status} is PRIMARY
 * (the newest, what the service converges to), ACTIVE (an older one still running tasks) or
 * INACTIVE; {@code rolloutState} is IN_PROGRESS, COMPLETED or FAILED. Immutable.
 */
public record Deployment(
    List<CapacityProviderStrategyItem> capacityProviderStrategy,
    Instant createdAt,
    Integer desiredCount,
    Integer failedTasks,
    String id,
    String launchType,
    NetworkConfiguration networkConfiguration,
    Integer pendingCount,
    String rolloutState,
    String rolloutStateReason,
    Integer runningCount,
    String status,
    String taskDefinition,
    Instant updatedAt) {

  public static final String PRIMARY = "PRIMARY";
  public static final String ACTIVE = "ACTIVE";
  public static final String INACTIVE = "INACTIVE";
  public static final String IN_PROGRESS = "IN_PROGRESS";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";

  public Deployment {
    capacityProviderStrategy = capacityProviderStrategy == null ? List.of() : List.copyOf(capacityProviderStrategy);
  }

  /** A new PRIMARY deployment, IN_PROGRESS, with no tasks yet. */
  public static Deployment start(String id, String taskDefinition, int desiredCount, String launchType, Instant now,
      String reason) {
    return new Deployment(List.of(), now, desiredCount, 0, id, launchType, null, 0, IN_PROGRESS, reason, 0, PRIMARY,
        taskDefinition, now);
  }

  public Deployment withStatus(String newStatus, Instant now) {
    return new Deployment(capacityProviderStrategy, createdAt, desiredCount, failedTasks, id, launchType,
        networkConfiguration, pendingCount, rolloutState, rolloutStateReason, runningCount, newStatus, taskDefinition,
        now);
  }

  public Deployment withRollout(String state, String reason, Instant now) {
    return new Deployment(capacityProviderStrategy, createdAt, desiredCount, failedTasks, id, launchType,
        networkConfiguration, pendingCount, state, reason, runningCount, status, taskDefinition, now);
  }

  /** This deployment with new task counts; {@code updatedAt} moves only when a count changed. */
  public Deployment withCounts(int desired, int running, int pending, int failed, Instant now) {
    boolean same = desiredCount != null && desiredCount == desired && runningCount != null && runningCount == running
        && pendingCount != null && pendingCount == pending && failedTasks != null && failedTasks == failed;
    return same ? this : new Deployment(capacityProviderStrategy, createdAt, desired, failed, id, launchType,
        networkConfiguration, pending, rolloutState, rolloutStateReason, running, status, taskDefinition, now);
  }

  public boolean inProgress() {
    return IN_PROGRESS.equals(rolloutState);
  }
}
