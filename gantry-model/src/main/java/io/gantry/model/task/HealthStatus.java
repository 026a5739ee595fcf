package io.gantry.model.task;

import java.util.Optional;

/**
 * The health of a container or a task (ECS {@code HealthStatus}). For a container: HEALTHY when
 * its health check passes, UNHEALTHY when it fails, UNKNOWN while it is being evaluated, when no
 * health check is defined, or when ECS does not have its status. For a task see {@link
 * TaskHealthRules}.
 */
public enum HealthStatus {
  HEALTHY,
  UNHEALTHY,
  UNKNOWN;

  /** The health a wire value names; empty for an absent or unknown value. */
  public static Optional<HealthStatus> parse(String wire) {
    return WireEnums.parse(HealthStatus.class, wire);
  }
}
