package io.gantry.model.taskdef;

/**
 * A file of environment variables a container loads at start (ECS {@code EnvironmentFile});
 * {@code value} is the object ARN.
 */
public record EnvironmentFile(String value, String type) {}
