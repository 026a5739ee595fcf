package io.gantry.server.placement;

import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.taskdef.Attribute;
import io.gantry.scheduler.cluster.Demand;
import io.gantry.scheduler.cluster.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates between the server's records and the scheduler's values: a stored container
 * instance with what its tasks hold becomes a {@link Node} (remaining CPU and memory, ports in use
 * including the reserved ones it registered, free GPU ids, task groups); a {@link TaskDemand}
 * becomes a {@link Demand}. Pure.
 */
public final class Nodes {
  private Nodes() {}

  public static Node of(ContainerInstance instance, InstanceLoad load) {
    var registered = instance.registeredResources();
    Map<String, String> attributes = new HashMap<>();
    for (Attribute a : instance.attributes() == null ? List.<Attribute>of() : instance.attributes()) {
      attributes.put(a.name(), a.value());
    }
    Set<Integer> tcp = new HashSet<>(load.tcpPorts());
    InstanceViews.strings(registered, InstanceViews.PORTS).forEach(p -> addPort(tcp, p));
    Set<Integer> udp = new HashSet<>(load.udpPorts());
    InstanceViews.strings(registered, InstanceViews.PORTS_UDP).forEach(p -> addPort(udp, p));
    List<String> gpus = new ArrayList<>(InstanceViews.strings(registered, InstanceViews.GPU));
    gpus.removeAll(load.gpuIds());
    return new Node(instance.containerInstanceArn(), instance.id(), instance.ec2InstanceId(),
        instance.status() == null ? ContainerInstance.ACTIVE : instance.status(),
        Boolean.TRUE.equals(instance.agentConnected()),
        instance.versionInfo() == null ? null : instance.versionInfo().agentVersion(), instance.registeredAt(),
        attributes, InstanceViews.amount(registered, InstanceViews.CPU) - load.cpu(),
        InstanceViews.amount(registered, InstanceViews.MEMORY) - load.memory(), tcp, udp, gpus, load.running(),
        load.groups(), instance.capacityProviderName());
  }

  public static Demand demand(TaskDemand d) {
    return new Demand(d.cpu(), d.memory(), ints(d.tcpPorts()), ints(d.udpPorts()), d.gpus());
  }

  private static Set<Integer> ints(Set<String> ports) {
    Set<Integer> out = new HashSet<>();
    ports.forEach(p -> addPort(out, p));
    return out;
  }

  private static void addPort(Set<Integer> out, String port) {
    try {
      out.add(Integer.parseInt(port.trim()));
    } catch (NumberFormatException e) {
      // not a port number: nothing to reserve
    }
  }
}
