package io.gantry.model.taskdef;

/**
 * A GPU count or inference accelerator reserved for a container (ECS {@code
 * ResourceRequirement}).
 */
public record ResourceRequirement(String value, String type) {}
