package io.gantry.model.task;

import java.time.Instant;

/**
 * An agent ECS runs beside a container (ECS {@code ManagedAgent}); the only name ECS defines is
 * {@code ExecuteCommandAgent}, the ECS Exec agent.
 */
public record ManagedAgent(Instant lastStartedAt, String name, String reason, String lastStatus) {}
