package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One thing the service reconciler decided. Effects ({@link Launch}, {@link LaunchOn}, {@link Stop}) are performed
 * by the executor through the task path; the others change the stored service and are folded
 * into it in order ({@link ServiceChanges}). Immutable.
 */
sealed interface ServiceAction {

  /** Launch {@code count} tasks of deployment {@code deploymentId} (its task definition). */
  record Launch(String deploymentId, String taskDefinition, int count) implements ServiceAction {}

  /** Launch one task of deployment {@code deploymentId} on each of {@code instanceIds} (a DAEMON service). */
  record LaunchOn(String deploymentId, String taskDefinition, List<String> instanceIds) implements ServiceAction {
    public LaunchOn {
      instanceIds = List.copyOf(instanceIds);
    }
  }

  /** A DAEMON service's desired count: the number of instances it belongs on. */
  record DesiredCount(int count) implements ServiceAction {}

  /** Stop tasks (ServiceSchedulerInitiated) with {@code reason}; {@code atOnce} when no agent will report them. */
  record Stop(List<String> taskIds, String reason, boolean atOnce) implements ServiceAction {
    public Stop {
      taskIds = List.copyOf(taskIds);
    }
  }

  /** The counts of each deployment (by id) and of the service. */
  record Counts(Map<String, DeploymentCounts> byDeployment, int running, int pending) implements ServiceAction {
    public Counts {
      byDeployment = Map.copyOf(byDeployment);
    }
  }

  /** A deployment's desired, running, pending and failed task counts. */
  record DeploymentCounts(int desired, int running, int pending, int failed) {}

  /** Deployment {@code id} reached rollout state {@code state} (COMPLETED or FAILED) for {@code reason}. */
  record MarkDeployment(String id, String state, String reason) implements ServiceAction {}

  /** The circuit breaker rolls back: {@code next} becomes PRIMARY, the failed one ACTIVE. */
  record RollBack(Deployment next) implements ServiceAction {}

  /** Deployment {@code id} has no tasks left: it becomes INACTIVE and leaves the list. */
  record Retire(String id) implements ServiceAction {}

  /** A service event with these words. */
  record Emit(String message) implements ServiceAction {}

  /** The controller has taken up what the service's deployment history asks (see DeploymentHistories.acknowledged). */
  record Acknowledge() implements ServiceAction {}

  /** The service is steady since {@code at} (null: it is not steady any more). */
  record Steady(Instant at) implements ServiceAction {}

  /** A DRAINING service has no tasks left: it becomes INACTIVE. */
  record Deactivate() implements ServiceAction {}
}
