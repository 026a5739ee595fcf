package io.gantry.model.task;

/** A network interface of a container in an {@code awsvpc} task (ECS {@code NetworkInterface}). */
public record NetworkInterface(String attachmentId, String privateIpv4Address, String ipv6Address) {}
