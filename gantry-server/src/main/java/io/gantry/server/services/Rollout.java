package io.gantry.server.services;

import io.gantry.api.ecs.service.DeploymentConfiguration;
import java.time.Duration;
import java.time.Instant;

/**
 * The numbers of a rolling deployment, ECS's rules as pure functions: the fewest healthy tasks
 * to keep (minimum healthy percent of the desired count, rounded up), the most tasks that may
 * exist (maximum percent, rounded down; RUNNING, PENDING and STOPPING all count), the circuit
 * breaker's failure threshold (half the desired count, at least 3 and at most 200), and the
 * back-off between launches of a service whose tasks keep failing.
 */
final class Rollout {
  static final int DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;
  static final int DEFAULT_MAXIMUM_PERCENT = 200;

  private Rollout() {}

  static int minimumHealthy(int desired, DeploymentConfiguration c) {
    int percent = c == null || c.minimumHealthyPercent() == null ? DEFAULT_MINIMUM_HEALTHY_PERCENT
        : c.minimumHealthyPercent();
    return (int) Math.ceil(desired * (long) percent / 100.0);
  }

  static int maximum(int desired, DeploymentConfiguration c) {
    int percent = c == null || c.maximumPercent() == null ? DEFAULT_MAXIMUM_PERCENT : c.maximumPercent();
    return (int) Math.floor(desired * (long) percent / 100.0);
  }

  /** How many failed tasks fail a deployment: 0.5 × desired count (rounded up), clamped to [3, 200]. */
  static int failureThreshold(int desired) {
    return Math.max(3, Math.min(200, (desired + 1) / 2));
  }

  /**
   * When the next launch may happen after {@code consecutiveFailures} failures, the last at
   * {@code lastFailure}: the base delay doubling per failure after the first, at most {@code max}.
   */
  static Instant nextLaunch(int consecutiveFailures, Instant lastFailure, Duration base, Duration max) {
    if (consecutiveFailures <= 0 || lastFailure == null) {
      return Instant.MIN;
    }
    int doublings = Math.min(consecutiveFailures - 1, 20);
    Duration delay = base.multipliedBy(1L << doublings);
    return lastFailure.plus(delay.compareTo(max) > 0 ? max : delay);
  }
}
