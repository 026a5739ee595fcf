package io.gantry.server.tasks;

import io.gantry.api.agent.TaskNetwork;
import io.gantry.model.Arn;
import io.gantry.model.Failure;
import io.gantry.server.network.AddressAllocator;
import io.gantry.server.network.AwsVpcRequest;
import io.gantry.server.network.Subnet;
import io.gantry.server.network.TaskAttachments;
import io.gantry.server.network.TaskNetworking;
import io.gantry.server.placement.PlanApplier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The addresses of one commit's awsvpc tasks: for each accepted task, a free address of one of
 * its subnets in its instance's zone. Tasks whose instance's zone has none of their subnets, or
 * whose subnets there are full, are refused with an explained failure. The caller stages the
 * leases in its commit and {@link #settle}s them afterwards, committed or not. Not thread-safe
 * (one per commit attempt).
 */
final class LaunchAddresses {
  static final String NO_ADDRESS = "RESOURCE:IP_ADDRESS";
  static final String ZONE = "ATTRIBUTE";

  private final AddressAllocator allocator;
  final List<PlanApplier.Accepted> addressed = new ArrayList<>();
  final List<PlanApplier.Accepted> refused = new ArrayList<>();
  final List<Failure> failures = new ArrayList<>();
  final Map<String, TaskNetwork> networks = new HashMap<>();
  final List<AddressAllocator.Leased> leases = new ArrayList<>();

  private LaunchAddresses(AddressAllocator allocator) {
    this.allocator = allocator;
  }

  /** Leases addresses for {@code accepted} when {@code spec} is an awsvpc launch; else every task is addressed as is. */
  static LaunchAddresses lease(TaskNetworking networking, LaunchSpec spec, List<PlanApplier.Accepted> accepted,
      Instant now, RandomGenerator random) {
    LaunchAddresses out = new LaunchAddresses(networking.allocator());
    AwsVpcRequest request = spec.network();
    for (PlanApplier.Accepted a : accepted) {
      if (request == null) {
        out.addressed.add(a);
        continue;
      }
      String zone = TaskNetworking.zoneOf(a.instance().value());
      List<Subnet> inZone = zone == null ? List.of() : request.subnetsIn(zone);
      if (inZone.isEmpty()) {
        out.refused.add(a);
        out.failures.add(new Failure(a.instance().value().containerInstanceArn(), ZONE, zoneDetail(request, zone)));
        continue;
      }
      String taskArn = Arn.task(spec.scope(), spec.cluster(), a.hold().taskId());
      Optional<AddressAllocator.Leased> leased = out.allocator.allocate(inZone, taskArn, now, random);
      if (leased.isEmpty()) {
        out.refused.add(a);
        out.failures.add(new Failure(inZone.get(0).arn(spec.scope().region(), spec.scope().accountId()), NO_ADDRESS,
            "InsufficientFreeAddressesInSubnet: no private IPv4 address is free in " + describe(inZone) + "."));
        continue;
      }
      out.leases.add(leased.get());
      out.addressed.add(a);
      out.networks.put(a.hold().taskId(), TaskAttachments.network(leased.get(), spec.scope().region(), random));
    }
    return out;
  }

  static String zoneDetail(AwsVpcRequest request, String zone) {
    return "None of the task's subnets is in availability zone " + zone + " of this container instance; they are in "
        + String.join(", ", request.zones()) + ".";
  }

  private static String describe(List<Subnet> subnets) {
    return String.join(", ", subnets.stream().map(s -> "subnet " + s.subnetId() + " (" + s.cidr() + ")").toList());
  }

  /** The task's lease, when it has one. */
  Optional<AddressAllocator.Leased> leaseOf(String taskId) {
    TaskNetwork n = networks.get(taskId);
    return n == null ? Optional.empty() : leases.stream()
        .filter(l -> l.subnet().subnetId().equals(n.subnetId()) && l.addressText().equals(n.privateIpv4Address()))
        .findFirst();
  }

  void settle() {
    leases.forEach(allocator::settle);
  }
}
