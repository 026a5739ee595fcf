package io.gantry.api.ecs.service;

/** Who runs a service's deployments (ECS {@code DeploymentController}): ECS, CODE_DEPLOY or EXTERNAL. */
public record DeploymentController(String type) {
  public static final DeploymentController ECS = new DeploymentController("ECS");
}
