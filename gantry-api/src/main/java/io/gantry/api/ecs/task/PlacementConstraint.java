package io.gantry.api.ecs.task;

/**
 * A placement constraint given to RunTask (ECS {@code PlacementConstraint}): {@code distinctInstance}
 * (no expression) or {@code memberOf} with a cluster query language expression.
 */
public record PlacementConstraint(String type, String expression) {}
