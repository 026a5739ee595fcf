package io.gantry.model.taskdef;

/**
 * A start-up dependency of one container on another and the condition it waits for (ECS {@code
 * ContainerDependency}).
 */
public record ContainerDependency(String containerName, String condition) {}
