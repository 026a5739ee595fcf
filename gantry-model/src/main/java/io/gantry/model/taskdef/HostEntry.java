package io.gantry.model.taskdef;

/** An extra line for a container's {@code /etc/hosts} (ECS {@code HostEntry}). */
public record HostEntry(String hostname, String ipAddress) {}
