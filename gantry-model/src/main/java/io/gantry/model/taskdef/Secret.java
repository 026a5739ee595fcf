package io.gantry.model.taskdef;

/**
 * A secret injected into a container from Secrets Manager or the SSM Parameter Store (ECS {@code
 * Secret}).
 */
public record Secret(String name, String valueFrom) {}
