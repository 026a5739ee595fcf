package io.gantry.api.ecs.task;

/**
 * A placement strategy given to RunTask (ECS {@code PlacementStrategy}): {@code random}, {@code
 * spread} over a field, or {@code binpack} on {@code cpu} or {@code memory}.
 */
public record PlacementStrategy(String type, String field) {}
