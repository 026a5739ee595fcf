package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import java.time.Instant;
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
  static Deployment start(String id, String taskDefinition, int desiredCount, String launchType, Instant now) {
    return Deployment.start(id, taskDefinition, desiredCount, launchType, now, "ECS deployment " + id
        + " in progress.");
  }
}
