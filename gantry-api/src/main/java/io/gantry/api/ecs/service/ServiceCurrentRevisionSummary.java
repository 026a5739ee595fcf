package io.gantry.api.ecs.service;

/** One service revision a service runs now and its task counts (ECS {@code ServiceCurrentRevisionSummary}). */
public record ServiceCurrentRevisionSummary(String arn, Integer pendingTaskCount, Integer requestedTaskCount,
    Integer runningTaskCount) {}
