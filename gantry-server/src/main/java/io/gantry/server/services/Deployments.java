package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/** Deployment ids as ECS makes them ({@code ecs-svc/} and 19 digits) and the words of a new deployment. */
final class Deployments {
  private Deployments() {}

  static String newId(RandomGenerator random) {
    StringBuilder sb = new StringBuilder("ecs-svc/");
    sb.append(1 + random.nextInt(9));
    for (int i = 1; i < 19; i++) {
      sb.append(random.nextInt(10));
    }
    return sb.toString();
  }

  /** A new PRIMARY deployment of {@code taskDefinition}, IN_PROGRESS. */
  /** A new PRIMARY deployment whose tasks are split over {@code strategy} (launch type none). */
  static Deployment start(String id, String taskDefinition, int desiredCount, String launchType,
      List<CapacityProviderStrategyItem> strategy, Instant now) {
    Deployment d = start(id, taskDefinition, desiredCount, launchType, now);
    return strategy.isEmpty() ? d : new Deployment(strategy, d.createdAt(), d.desiredCount(), d.failedTasks(), d.id(),
        d.launchType(), d.networkConfiguration(), d.pendingCount(), d.rolloutState(), d.rolloutStateReason(),
        d.runningCount(), d.status(), d.taskDefinition(), d.updatedAt());
  }

  static Deployment start(String id, String taskDefinition, int desiredCount, String launchType, Instant now) {
    return Deployment.start(id, taskDefinition, desiredCount, launchType, now, "ECS deployment " + id
        + " in progress.");
  }
}
