package io.gantry.agent.runtime;

import java.util.Map;
import java.util.Objects;

/**
 * A bridge network for one Gantry subnet: its runtime name ({@code gantry-subnet-ID}), CIDR block,
 * gateway address, and labels. The runtime reuses a network of that name with the same block and
 * refuses one with another. Immutable.
 */
public record BridgeNetworkSpec(String name, String cidrBlock, String gatewayAddress, Map<String, String> labels) {
  public static final String SUBNET_LABEL = "io.gantry.subnet-id";

  public BridgeNetworkSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cidrBlock, "cidrBlock");
    Objects.requireNonNull(gatewayAddress, "gatewayAddress");
    labels = Copies.orderedMap(labels);
  }

  /** The network of subnet {@code subnetId}. */
  public static BridgeNetworkSpec forSubnet(String subnetId, String cidrBlock, String gatewayAddress) {
    return new BridgeNetworkSpec("gantry-subnet-" + subnetId, cidrBlock, gatewayAddress,
        Map.of(SUBNET_LABEL, subnetId, "io.gantry.managed", "true"));
  }
}
