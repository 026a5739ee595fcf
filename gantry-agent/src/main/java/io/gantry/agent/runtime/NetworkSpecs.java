package io.gantry.agent.runtime;

import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.HostEntry;
import io.gantry.model.taskdef.PortMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates the networking members of a container definition: network mode, port mappings
 * (static, assigned and dynamic host ports, port ranges), links, DNS and extra hosts. Pure.
 */
final class NetworkSpecs {
  private static final int MAX_RANGE = 1000;

  private NetworkSpecs() {}

  static NetworkSpec from(TaskContext task, ContainerDefinition def) {
    String mode = task.effectiveNetworkMode();
    if (NetworkSpec.AWSVPC.equals(mode)) {
      if (def.links() != null && !def.links().isEmpty()) {
        throw new SpecRefusal("links are supported only in bridge network mode, not awsvpc");
      }
      // The engine joins the container to its task's pause container; ports are not published:
      // an awsvpc task is reached on its own address.
      return new NetworkSpec(NetworkSpec.AWSVPC, null, Boolean.TRUE.equals(def.disableNetworking()), List.of(),
          List.of(), List.of(), List.of(), List.of());
    }
    if (!List.of(NetworkSpec.BRIDGE, NetworkSpec.HOST, NetworkSpec.NONE).contains(mode)) {
      throw new SpecRefusal("network mode " + mode + " is not supported by this agent"
          + " (supported: bridge, host, none)");
    }
    List<String> links = Copies.list(def.links());
    if (!links.isEmpty() && !NetworkSpec.BRIDGE.equals(mode)) {
      throw new SpecRefusal("links are supported only in bridge network mode, not " + mode);
    }
    List<NetworkSpec.ExtraHost> extraHosts = new ArrayList<>();
    for (HostEntry h : Copies.list(def.extraHosts())) {
      extraHosts.add(new NetworkSpec.ExtraHost(h.hostname(), h.ipAddress()));
    }
    return new NetworkSpec(
        mode,
        def.hostname(),
        Boolean.TRUE.equals(def.disableNetworking()),
        ports(task, def, mode),
        links(task, def.name(), links),
        def.dnsServers(),
        def.dnsSearchDomains(),
        extraHosts);
  }

  private static List<NetworkSpec.Port> ports(TaskContext task, ContainerDefinition def, String mode) {
    List<PortMapping> mappings = Copies.list(def.portMappings());
    if (!mappings.isEmpty() && NetworkSpec.NONE.equals(mode)) {
      throw new SpecRefusal("port mappings are not supported in network mode none");
    }
    List<NetworkSpec.Port> ports = new ArrayList<>();
    for (PortMapping pm : mappings) {
      String protocol = pm.protocol() == null ? "tcp" : pm.protocol().toLowerCase(Locale.ROOT);
      if (!protocol.equals("tcp") && !protocol.equals("udp")) {
        throw new SpecRefusal("unsupported port protocol " + pm.protocol());
      }
      if (pm.containerPort() != null) {
        ports.add(port(task, def.name(), mode, pm.containerPort(), pm.hostPort(), protocol));
      } else if (pm.containerPortRange() != null) {
        int[] range = range(pm.containerPortRange());
        for (int p = range[0]; p <= range[1]; p++) {
          ports.add(port(task, def.name(), mode, p, null, protocol));
        }
      } else {
        throw new SpecRefusal("a port mapping of container " + def.name()
            + " has neither containerPort nor containerPortRange");
      }
    }
    return ports;
  }

  /**
   * Host mode publishes the container port itself. Bridge mode uses the host port the control
   * plane assigned, else the definition's static one, else none (the runtime picks an ephemeral
   * port).
   */
  private static NetworkSpec.Port port(
      TaskContext task, String container, String mode, int containerPort, Integer hostPort,
      String protocol) {
    if (NetworkSpec.HOST.equals(mode)) {
      if (hostPort != null && hostPort != 0 && hostPort != containerPort) {
        throw new SpecRefusal("in host network mode hostPort must equal containerPort ("
            + hostPort + " != " + containerPort + ")");
      }
      return new NetworkSpec.Port(containerPort, containerPort, protocol);
    }
    Integer assigned = task.hostPorts().get(new TaskContext.PortKey(container, containerPort, protocol));
    if (assigned != null) {
      return new NetworkSpec.Port(containerPort, assigned, protocol);
    }
    return new NetworkSpec.Port(containerPort, hostPort == null || hostPort == 0 ? null : hostPort,
        protocol);
  }

  static int[] range(String text) {
    String[] parts = text.trim().split("-");
    try {
      int from = Integer.parseInt(parts[0].trim());
      int to = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : from;
      if (parts.length > 2 || from < 1 || to > 65535 || to < from || to - from >= MAX_RANGE) {
        throw new SpecRefusal("invalid containerPortRange " + text);
      }
      return new int[] {from, to};
    } catch (NumberFormatException e) {
      throw new SpecRefusal("invalid containerPortRange " + text);
    }
  }

  /** ECS {@code name[:alias]} links to the runtime ids of the named containers; alias defaults to the name. */
  private static List<NetworkSpec.Link> links(TaskContext task, String container, List<String> links) {
    List<NetworkSpec.Link> out = new ArrayList<>();
    for (String link : links) {
      int colon = link.indexOf(':');
      String target = colon < 0 ? link : link.substring(0, colon);
      String alias = colon < 0 ? link : link.substring(colon + 1);
      String runtimeId = task.runtimeIds().get(target);
      if (runtimeId == null) {
        throw new SpecRefusal("container " + container + " links to " + target
            + ", which has not been created");
      }
      out.add(new NetworkSpec.Link(runtimeId, alias));
    }
    return out;
  }
}
