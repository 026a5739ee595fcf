package io.gantry.server.network;

import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.model.EcsException;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.taskdef.Attribute;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.Versioned;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The control plane's task networking, one per server: the subnet catalog, the zones a cluster's
 * instances report (for its default subnets), the checks of a launch's network configuration,
 * and the address allocator every launch path shares. Launch paths call {@link #check} when they
 * validate a launch (an {@link AwsVpcRequest} for an awsvpc task definition, null otherwise) and
 * hand the request to the task launcher, which leases one address per task in its commit.
 * Thread-safe.
 */
public final class TaskNetworking {
  public static final String ZONE_ATTRIBUTE = "ecs.availability-zone";

  private final PlacementState placement;
  private final SubnetCatalog catalog;
  private final AddressAllocator allocator;

  public TaskNetworking(EntityStore store, PlacementState placement, SubnetCatalog catalog) {
    this.placement = placement;
    this.catalog = catalog;
    this.allocator = new AddressAllocator(store);
  }

  public SubnetCatalog catalog() {
    return catalog;
  }

  public AddressAllocator allocator() {
    return allocator;
  }

  /** The zones the instances of {@code cluster} report. */
  public Set<String> zones(Scope scope, String cluster) {
    Set<String> zones = new TreeSet<>();
    for (Versioned<ContainerInstance> v : placement.ledger(scope, cluster).instances()) {
      String zone = zoneOf(v.value());
      if (zone != null) {
        zones.add(zone);
      }
    }
    return zones;
  }

  /** Every subnet tasks of {@code cluster} may name: the configured ones and its zones' defaults. */
  public List<Subnet> subnets(Scope scope, String cluster) {
    return catalog.subnets(zones(scope, cluster));
  }

  /** {@link NetworkRules#check} against the subnets of {@code cluster}. */
  public AwsVpcRequest check(Scope scope, String cluster, TaskDefinition td, NetworkConfiguration network,
      String launchType) {
    if (!NetworkRules.AWSVPC.equals(td.networkMode()) && network == null) {
      return null;
    }
    Set<String> zones = zones(scope, cluster);
    try {
      return NetworkRules.check(td, network, launchType, id -> catalog.find(id, zones));
    } catch (EcsException e) {
      if (!e.getMessage().contains("InvalidSubnetID.NotFound")) {
        throw e;
      }
      // ECS's words, then what there is: Gantry has no EC2 API to look subnets up with.
      List<String> known = catalog.subnets(zones).stream()
          .map(sn -> sn.subnetId() + " (" + sn.cidr() + ", " + sn.availabilityZone() + ")").toList();
      throw EcsException.invalidParameter(e.getMessage() + ". Subnets of cluster " + cluster + ": "
          + (known.isEmpty() ? "none (no container instance reports a zone yet)" : String.join(", ", known)) + ".");
    }
  }

  /** The instance's availability zone attribute, or null. */
  public static String zoneOf(ContainerInstance instance) {
    if (instance.attributes() == null) {
      return null;
    }
    return instance.attributes().stream().filter(a -> ZONE_ATTRIBUTE.equals(a.name())).map(Attribute::value)
        .findFirst().orElse(null);
  }
}
