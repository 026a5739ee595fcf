package io.gantry.server.placement;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Everything the live tasks of one container instance hold together: CPU, memory, host ports in
 * use (TCP and UDP), assigned GPU ids, tasks per group, running and pending counts. Immutable:
 * {@link #plus} and {@link #minus} return new loads; a task's hold is added once and removed once.
 */
public record InstanceLoad(long cpu, long memory, Set<Integer> tcpPorts, Set<Integer> udpPorts, Set<String> gpuIds,
    Map<String, Integer> groups, int running, int pending) {
  public static final InstanceLoad EMPTY = new InstanceLoad(0, 0, Set.of(), Set.of(), Set.of(), Map.of(), 0, 0);

  public InstanceLoad {
    tcpPorts = Set.copyOf(tcpPorts);
    udpPorts = Set.copyOf(udpPorts);
    gpuIds = Set.copyOf(gpuIds);
    groups = Map.copyOf(groups);
  }

  public InstanceLoad plus(TaskHold hold) {
    return change(hold, 1);
  }

  public InstanceLoad minus(TaskHold hold) {
    return change(hold, -1);
  }

  private InstanceLoad change(TaskHold hold, int sign) {
    TaskDemand d = hold.demand();
    Set<Integer> tcp = ports(tcpPorts, d.tcpPorts(), sign);
    Set<Integer> udp = ports(udpPorts, d.udpPorts(), sign);
    Set<String> gpus = new HashSet<>(gpuIds);
    if (sign > 0) {
      gpus.addAll(hold.gpuIds());
    } else {
      gpus.removeAll(hold.gpuIds());
    }
    Map<String, Integer> byGroup = new HashMap<>(groups);
    if (hold.group() != null) {
      byGroup.merge(hold.group(), sign, Integer::sum);
      byGroup.values().removeIf(n -> n <= 0);
    }
    return new InstanceLoad(Math.max(0, cpu + sign * d.cpu()), Math.max(0, memory + sign * d.memory()), tcp, udp, gpus,
        byGroup, Math.max(0, running + (hold.running() ? sign : 0)), Math.max(0, pending + (hold.running() ? 0 : sign)));
  }

  private static Set<Integer> ports(Set<Integer> current, Set<String> change, int sign) {
    if (change.isEmpty()) {
      return current;
    }
    Set<Integer> next = new HashSet<>(current);
    for (String port : change) {
      if (sign > 0) {
        next.add(Integer.parseInt(port));
      } else {
        next.remove(Integer.parseInt(port));
      }
    }
    return next;
  }
}
