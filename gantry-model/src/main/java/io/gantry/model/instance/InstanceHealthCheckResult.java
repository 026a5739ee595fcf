package io.gantry.model.instance;

import java.time.Instant;

/** The latest result of one health check on a container instance (ECS {@code InstanceHealthCheckResult}). */
public record InstanceHealthCheckResult(
    String type, String status, Instant lastUpdated, Instant lastStatusChange, String statusReason) {}
