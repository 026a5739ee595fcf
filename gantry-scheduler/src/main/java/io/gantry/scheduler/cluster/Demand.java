package io.gantry.scheduler.cluster;

import java.util.Set;

/**
 * What one task takes from the container instance it is placed on: CPU units, memory in MiB, the
 * static host ports it publishes (TCP and UDP apart; dynamic host ports take nothing ahead of
 * time) and a number of GPUs. Immutable.
 */
public record Demand(long cpu, long memory, Set<Integer> tcpPorts, Set<Integer> udpPorts, int gpus) {

  /** A demand of CPU and memory only. */
  public static Demand of(long cpu, long memory) {
    return new Demand(cpu, memory, Set.of(), Set.of(), 0);
  }

  public Demand {
    if (cpu < 0 || memory < 0 || gpus < 0) {
      throw new IllegalArgumentException("cpu, memory and gpus cannot be negative");
    }
    tcpPorts = Set.copyOf(tcpPorts);
    udpPorts = Set.copyOf(udpPorts);
  }

  /** This demand with static TCP host ports {@code ports}. */
  public Demand withTcpPorts(Integer... ports) {
    return new Demand(cpu, memory, Set.of(ports), udpPorts, gpus);
  }

  /** This demand with static UDP host ports {@code ports}. */
  public Demand withUdpPorts(Integer... ports) {
    return new Demand(cpu, memory, tcpPorts, Set.of(ports), gpus);
  }

  /** This demand with {@code count} GPUs. */
  public Demand withGpus(int count) {
    return new Demand(cpu, memory, tcpPorts, udpPorts, count);
  }

  /** Whether the demand holds any static host port, so two such tasks never share an instance. */
  public boolean hasStaticPorts() {
    return !tcpPorts.isEmpty() || !udpPorts.isEmpty();
  }
}
