package io.gantry.server.tasks;

import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.instance.Resource;
import io.gantry.server.placement.InstanceViews;
import io.gantry.server.placement.TaskDemand;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Arithmetic on a container instance's {@code remainingResources} and task counts as a plan
 * places tasks on it. CPU and MEMORY are numbers; PORTS and PORTS_UDP are the sets of host
 * ports in use (the registered reserved ports plus those of placed tasks), as ECS lists them.
 * Every change counts as one more instance version. Pure.
 */
final class InstanceCapacity {
  static final String CPU = "CPU";
  static final String MEMORY = "MEMORY";
  static final String PORTS = "PORTS";
  static final String PORTS_UDP = "PORTS_UDP";

  private InstanceCapacity() {}

  /** The ECS reason {@code demand} does not fit in what {@code instance} has left ({@code RESOURCE:CPU}, …); empty when it fits. */
  static Optional<String> shortfall(ContainerInstance instance, TaskDemand demand) {
    List<Resource> remaining = orEmpty(instance.remainingResources());
    if (demand.cpu() > amount(remaining, CPU)) {
      return Optional.of("RESOURCE:" + CPU);
    }
    if (demand.memory() > amount(remaining, MEMORY)) {
      return Optional.of("RESOURCE:" + MEMORY);
    }
    if (!disjoint(ports(remaining, PORTS), demand.tcpPorts())) {
      return Optional.of("RESOURCE:" + PORTS);
    }
    if (!disjoint(ports(remaining, PORTS_UDP), demand.udpPorts())) {
      return Optional.of("RESOURCE:" + PORTS_UDP);
    }
    if (demand.gpus() > InstanceViews.strings(remaining, InstanceViews.GPU).size()) {
      return Optional.of("RESOURCE:GPU");
    }
    return Optional.empty();
  }

  /** {@code instance} with {@code demand} taken from its remaining resources and one more pending task. */
  static ContainerInstance reserve(ContainerInstance instance, TaskDemand demand) {
    List<Resource> next = new ArrayList<>();
    for (Resource r : orEmpty(instance.remainingResources())) {
      next.add(switch (r.name()) {
        case CPU -> plus(r, -demand.cpu(), Long.MAX_VALUE);
        case MEMORY -> plus(r, -demand.memory(), Long.MAX_VALUE);
        case PORTS -> withPorts(r, demand.tcpPorts(), Set.of(), true);
        case PORTS_UDP -> withPorts(r, demand.udpPorts(), Set.of(), true);
        default -> r;
      });
    }
    addMissingSet(next, PORTS, demand.tcpPorts());
    addMissingSet(next, PORTS_UDP, demand.udpPorts());
    return changed(instance, next, count(instance.runningTasksCount()), count(instance.pendingTasksCount()) + 1);
  }

  /** The amount of numeric resource {@code name} (0 when the instance has none). */
  static long amount(List<Resource> resources, String name) {
    return amountOr(resources, name, 0);
  }

  /** The port set {@code name} as strings (empty when the instance has none). */
  static Set<String> ports(List<Resource> resources, String name) {
    for (Resource r : resources) {
      if (r.name().equals(name) && r.stringSetValue() != null) {
        return new LinkedHashSet<>(r.stringSetValue());
      }
    }
    return new LinkedHashSet<>();
  }

  private static long amountOr(List<Resource> resources, String name, long absent) {
    for (Resource r : resources) {
      if (r.name().equals(name)) {
        return switch (r.type()) {
          case Resource.INTEGER -> r.integerValue() == null ? 0 : r.integerValue();
          case Resource.LONG -> r.longValue() == null ? 0 : r.longValue();
          case Resource.DOUBLE -> r.doubleValue() == null ? 0 : (long) Math.floor(r.doubleValue());
          default -> absent;
        };
      }
    }
    return absent;
  }

  /** {@code r} changed by {@code delta}, kept between 0 and {@code max}, in its own type. */
  private static Resource plus(Resource r, long delta, long max) {
    long value = Math.max(0, Math.min(max, amountOr(List.of(r), r.name(), 0) + delta));
    return switch (r.type()) {
      case Resource.INTEGER -> Resource.ofInteger(r.name(), (int) Math.min(Integer.MAX_VALUE, value));
      case Resource.LONG -> Resource.ofLong(r.name(), value);
      case Resource.DOUBLE -> Resource.ofDouble(r.name(), value);
      default -> r;
    };
  }

  private static Resource withPorts(Resource r, Set<String> ports, Set<String> keep, boolean add) {
    if (!Resource.STRINGSET.equals(r.type()) || ports.isEmpty()) {
      return r;
    }
    Set<String> set = new LinkedHashSet<>(r.stringSetValue() == null ? List.of() : r.stringSetValue());
    if (add) {
      set.addAll(ports);
    } else {
      for (String port : ports) {
        if (!keep.contains(port)) {
          set.remove(port);
        }
      }
    }
    return Resource.ofStringSet(r.name(), List.copyOf(set));
  }

  /** Ports of an instance that registered no set for them are still recorded, so they are not handed out twice. */
  private static void addMissingSet(List<Resource> resources, String name, Set<String> ports) {
    if (!ports.isEmpty() && resources.stream().noneMatch(r -> r.name().equals(name))) {
      resources.add(Resource.ofStringSet(name, List.copyOf(ports)));
    }
  }

  private static ContainerInstance changed(ContainerInstance i, List<Resource> remaining, int running, int pending) {
    long version = i.version() == null ? 1 : i.version() + 1;
    return new ContainerInstance(i.containerInstanceArn(), i.ec2InstanceId(), i.capacityProviderName(), version,
        i.versionInfo(), remaining, i.registeredResources(), i.status(), i.statusReason(), i.agentConnected(), running,
        pending, i.agentUpdateStatus(), i.attributes(), i.registeredAt(), i.attachments(), i.tags(), i.healthStatus());
  }

  private static boolean disjoint(Set<String> used, Set<String> wanted) {
    for (String port : wanted) {
      if (used.contains(port)) {
        return false;
      }
    }
    return true;
  }

  private static int count(Integer n) {
    return n == null ? 0 : n;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
