package io.gantry.server.network;

import java.util.List;

/**
 * A validated {@code awsvpcConfiguration}: the subnets the task may get its address from (in the
 * order given, duplicates dropped), the security groups as given (recorded, not enforced), and
 * the public IP choice ({@code ENABLED} or {@code DISABLED}). Immutable.
 */
public record AwsVpcRequest(List<Subnet> subnets, List<String> securityGroups, String assignPublicIp) {
  public AwsVpcRequest {
    subnets = List.copyOf(subnets);
    securityGroups = List.copyOf(securityGroups);
  }

  /** The zones the task can be placed in: those of its subnets. */
  public List<String> zones() {
    return subnets.stream().map(Subnet::availabilityZone).distinct().toList();
  }

  /** Its subnets in zone {@code zone}, in the order given. */
  public List<Subnet> subnetsIn(String zone) {
    return subnets.stream().filter(s -> s.availabilityZone().equals(zone)).toList();
  }
}
