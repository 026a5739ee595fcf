package io.gantry.model.task;

/**
 * A container port published on the host (ECS {@code NetworkBinding}): a single port, or a port
 * range when {@code containerPortRange}/{@code hostPortRange} are set. {@code protocol} is
 * {@code tcp} or {@code udp}.
 */
public record NetworkBinding(
    String bindIP,
    Integer containerPort,
    Integer hostPort,
    String protocol,
    String containerPortRange,
    String hostPortRange) {}
