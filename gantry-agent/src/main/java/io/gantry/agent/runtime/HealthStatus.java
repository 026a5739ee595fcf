package io.gantry.agent.runtime;

/** A container's health as the runtime reports it; {@code NONE} when it has no health check. */
public enum HealthStatus {
  STARTING,
  HEALTHY,
  UNHEALTHY,
  NONE
}
