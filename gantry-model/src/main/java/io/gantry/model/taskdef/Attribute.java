package io.gantry.model.taskdef;

/**
 * A container instance attribute (ECS {@code Attribute}); task definitions list the ones their
 * tasks require.
 */
public record Attribute(String name, String value, String targetType, String targetId) {}
