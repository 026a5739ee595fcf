package io.gantry.api.ecs.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a rolling deployment runs (ECS {@code DeploymentConfiguration}): at least {@code
 * minimumHealthyPercent} of the desired count (rounded up) stays RUNNING and healthy, at most
 * {@code maximumPercent} (rounded down) is RUNNING, PENDING or STOPPING; the circuit breaker;
 * CloudWatch alarms and the blue/green, linear and canary members are kept as given but not acted
 * on. Immutable.
 */
public record DeploymentConfiguration(
    JsonNode alarms,
    Integer bakeTimeInMinutes,
    JsonNode canaryConfiguration,
    DeploymentCircuitBreaker deploymentCircuitBreaker,
    JsonNode lifecycleHooks,
    JsonNode linearConfiguration,
    Integer maximumPercent,
    Integer minimumHealthyPercent,
    String strategy) {

  /** The circuit breaker as configured, off when absent. */
  public DeploymentCircuitBreaker breaker() {
    return deploymentCircuitBreaker == null ? DeploymentCircuitBreaker.OFF : deploymentCircuitBreaker;
  }
}
