package io.gantry.model.taskdef;

/**
 * A placement constraint carried by a task definition (ECS {@code
 * TaskDefinitionPlacementConstraint}); only {@code memberOf} exists.
 */
public record TaskDefinitionPlacementConstraint(String type, String expression) {}
