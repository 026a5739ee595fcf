package io.gantry.model.taskdef;

/**
 * The operating system family and CPU architecture a task definition runs on (ECS {@code
 * RuntimePlatform}).
 */
public record RuntimePlatform(String cpuArchitecture, String operatingSystemFamily) {}
