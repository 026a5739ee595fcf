package io.gantry.model.taskdef;

import java.util.List;

/** A container health check command and its timing, in seconds (ECS {@code HealthCheck}). */
public record HealthCheck(
    List<String> command,
    Integer interval,
    Integer timeout,
    Integer retries,
    Integer startPeriod) {
  public HealthCheck {
    command = WireCollections.list(command);
  }
}
