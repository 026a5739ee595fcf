package io.gantry.api.ecs.service;

/**
 * Whether a failing deployment is stopped ({@code enable}) and rolled back to the last completed
 * one ({@code rollback}) (ECS {@code DeploymentCircuitBreaker}; both members are required on the
 * wire).
 */
public record DeploymentCircuitBreaker(Boolean enable, Boolean rollback) {
  public static final DeploymentCircuitBreaker OFF = new DeploymentCircuitBreaker(false, false);

  public boolean enabled() {
    return Boolean.TRUE.equals(enable);
  }

  public boolean rollsBack() {
    return Boolean.TRUE.equals(rollback);
  }
}
