package io.gantry.model.taskdef;

/**
 * A container port published by a container (ECS {@code PortMapping}): a port or port range, the
 * host port, protocol and the Service Connect name and application protocol.
 */
public record PortMapping(
    Integer containerPort,
    Integer hostPort,
    String protocol,
    String name,
    String appProtocol,
    String containerPortRange) {}
