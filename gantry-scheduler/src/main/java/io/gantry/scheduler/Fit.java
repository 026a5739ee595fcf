package io.gantry.scheduler;

import io.gantry.scheduler.cluster.Demand;
import io.gantry.scheduler.cluster.Node;
import java.util.List;
import java.util.Optional;

/**
 * Whether one node can take one task, as a typed {@link Reason} when it cannot. The scheduler
 * filters with these checks and the plan applier repeats {@link #check} against the latest state
 * before it commits. Pure.
 */
public final class Fit {
  private Fit() {}

  /**
   * The first reason {@code node} cannot take a task with {@code demand}: not ACTIVE, agent not
   * connected, then CPU, memory, TCP ports, UDP ports, GPUs. Empty when it fits.
   */
  public static Optional<Reason> check(Node node, Demand demand) {
    Reason r = state(node);
    if (r == null) {
      r = resources(node, demand);
    }
    return Optional.ofNullable(r);
  }

  /** NOT_ACTIVE or AGENT when the node takes no task at all, else null. */
  static Reason state(Node node) {
    if (!Node.ACTIVE.equals(node.status())) {
      return Reason.NOT_ACTIVE;
    }
    return node.agentConnected() ? null : Reason.AGENT;
  }

  /** The first resource {@code demand} does not find on {@code node}, else null. */
  static Reason resources(Node node, Demand demand) {
    if (node.cpu() < demand.cpu()) {
      return Reason.CPU;
    }
    if (node.memory() < demand.memory()) {
      return Reason.MEMORY;
    }
    Reason ports = ports(node, demand);
    if (ports != null) {
      return ports;
    }
    return node.freeGpuIds().size() < demand.gpus() ? Reason.GPU : null;
  }

  /** PORTS or PORTS_UDP when a static host port of {@code demand} is in use on {@code node}, else null. */
  static Reason ports(Node node, Demand demand) {
    for (Integer port : demand.tcpPorts()) {
      if (node.tcpPorts().contains(port)) {
        return Reason.PORTS;
      }
    }
    for (Integer port : demand.udpPorts()) {
      if (node.udpPorts().contains(port)) {
        return Reason.PORTS_UDP;
      }
    }
    return null;
  }

  /** ATTRIBUTE when {@code node} lacks one of {@code required}, else empty. */
  public static Optional<Reason> attributes(Node node, List<RequiredAttribute> required) {
    for (RequiredAttribute a : required) {
      if (!a.satisfiedBy(node)) {
        return Optional.of(Reason.ATTRIBUTE);
      }
    }
    return Optional.empty();
  }
}
