package io.gantry.api.agent;

/**
 * The network an {@code awsvpc} task gets, as the control plane allocated it: the Gantry subnet
 * (id, CIDR block, gateway address), the task's private IPv4 address and MAC address in it, and
 * the ids ECS shows for the task's elastic network interface attachment. The agent gives the
 * task's network namespace exactly this address and MAC on the subnet's bridge network.
 * Immutable.
 */
public record TaskNetwork(
    String subnetId,
    String cidrBlock,
    String gatewayAddress,
    String privateIpv4Address,
    String macAddress,
    String attachmentId,
    String networkInterfaceId,
    String privateDnsName) {}
