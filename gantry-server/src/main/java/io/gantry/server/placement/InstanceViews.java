package io.gantry.server.placement;

import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.instance.Resource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A container instance as ECS shows it: its registered resources less what its live tasks hold
 * ({@link InstanceLoad}) as {@code remainingResources}, and its running and pending task counts.
 * CPU and MEMORY are numbers; PORTS and PORTS_UDP list the ports in use (the reserved ones it
 * registered plus those of its tasks), as ECS lists them; GPU lists the ids still free. Pure.
 */
public final class InstanceViews {
  public static final String CPU = "CPU";
  public static final String MEMORY = "MEMORY";
  public static final String PORTS = "PORTS";
  public static final String PORTS_UDP = "PORTS_UDP";
  public static final String GPU = "GPU";

  private InstanceViews() {}

  public static ContainerInstance withLoad(ContainerInstance stored, InstanceLoad load) {
    List<Resource> remaining = new ArrayList<>();
    boolean tcpListed = false;
    boolean udpListed = false;
    for (Resource r : orEmpty(stored.registeredResources())) {
      switch (r.name()) {
        case CPU -> remaining.add(minus(r, load.cpu()));
        case MEMORY -> remaining.add(minus(r, load.memory()));
        case PORTS -> {
          remaining.add(withPorts(r, load.tcpPorts()));
          tcpListed = true;
        }
        case PORTS_UDP -> {
          remaining.add(withPorts(r, load.udpPorts()));
          udpListed = true;
        }
        case GPU -> remaining.add(withoutIds(r, load.gpuIds()));
        default -> remaining.add(r);
      }
    }
    if (!tcpListed && !load.tcpPorts().isEmpty()) {
      remaining.add(Resource.ofStringSet(PORTS, sorted(load.tcpPorts())));
    }
    if (!udpListed && !load.udpPorts().isEmpty()) {
      remaining.add(Resource.ofStringSet(PORTS_UDP, sorted(load.udpPorts())));
    }
    return new ContainerInstance(stored.containerInstanceArn(), stored.ec2InstanceId(), stored.capacityProviderName(),
        stored.version(), stored.versionInfo(), remaining, stored.registeredResources(), stored.status(),
        stored.statusReason(), stored.agentConnected(), load.running(), load.pending(), stored.agentUpdateStatus(),
        stored.attributes(), stored.registeredAt(), stored.attachments(), stored.tags(), stored.healthStatus());
  }

  /** The amount of numeric resource {@code name} (0 when there is none). */
  public static long amount(List<Resource> resources, String name) {
    for (Resource r : orEmpty(resources)) {
      if (r.name().equals(name)) {
        return number(r);
      }
    }
    return 0;
  }

  /** The string set {@code name} (empty when there is none). */
  public static List<String> strings(List<Resource> resources, String name) {
    for (Resource r : orEmpty(resources)) {
      if (r.name().equals(name) && r.stringSetValue() != null) {
        return r.stringSetValue();
      }
    }
    return List.of();
  }

  private static Resource minus(Resource r, long used) {
    long value = Math.max(0, number(r) - used);
    return switch (r.type()) {
      case Resource.INTEGER -> Resource.ofInteger(r.name(), (int) Math.min(Integer.MAX_VALUE, value));
      case Resource.LONG -> Resource.ofLong(r.name(), value);
      case Resource.DOUBLE -> Resource.ofDouble(r.name(), r.doubleValue() == null ? 0 : Math.max(0, r.doubleValue() - used));
      default -> r;
    };
  }

  private static long number(Resource r) {
    return switch (r.type()) {
      case Resource.INTEGER -> r.integerValue() == null ? 0 : r.integerValue();
      case Resource.LONG -> r.longValue() == null ? 0 : r.longValue();
      case Resource.DOUBLE -> r.doubleValue() == null ? 0 : (long) Math.floor(r.doubleValue());
      default -> 0;
    };
  }

  private static Resource withPorts(Resource r, Set<Integer> used) {
    if (!Resource.STRINGSET.equals(r.type()) || used.isEmpty()) {
      return r;
    }
    Set<String> set = new LinkedHashSet<>(orEmpty(r.stringSetValue()));
    set.addAll(sorted(used));
    return Resource.ofStringSet(r.name(), List.copyOf(set));
  }

  private static Resource withoutIds(Resource r, Set<String> used) {
    if (!Resource.STRINGSET.equals(r.type()) || used.isEmpty()) {
      return r;
    }
    List<String> free = new ArrayList<>(orEmpty(r.stringSetValue()));
    free.removeAll(used);
    return Resource.ofStringSet(r.name(), free);
  }

  private static List<String> sorted(Set<Integer> ports) {
    return new TreeSet<>(ports).stream().map(String::valueOf).toList();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
