package io.gantry.model.taskdef;

/**
 * The secret holding private registry credentials for a container image (ECS {@code
 * RepositoryCredentials}).
 */
public record RepositoryCredentials(String credentialsParameter) {}
