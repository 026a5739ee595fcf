package io.gantry.testkit.agent;

import io.gantry.api.agent.AgentMessage;
import io.gantry.model.task.ContainerStatus;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.NetworkBinding;
import io.gantry.model.task.TaskContainer;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.PortMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One simulated container of a {@link SimTask}: its definition, its script and what it has done
 * (status, exit code, reason, runtime id, published ports, health). Mutable; confined to its
 * agent's monitor like the task that holds it.
 */
final class SimContainer {
  final ContainerDefinition definition;
  final TaskScript script;
  ContainerStatus status = ContainerStatus.PENDING;
  Integer exitCode;
  String reason;
  String runtimeId;
  List<NetworkBinding> bindings = List.of();
  HealthStatus health = HealthStatus.UNKNOWN;
  /** Host ports taken from the machine's ephemeral range, given back on exit. */
  private final List<Integer> ephemeral = new ArrayList<>(0);
  /** A stop is scheduled (after the script's stop delay). */
  boolean stopping;

  SimContainer(ContainerDefinition definition, TaskScript script) {
    this.definition = definition;
    this.script = script;
  }

  String name() {
    return definition.name();
  }

  boolean stopped() {
    return status == ContainerStatus.STOPPED;
  }

  /** Starts it (the runtime created and started it): RUNNING, published, healthy or not as scripted. */
  void started(String id, Map<String, Integer> reservedHostPorts, String networkMode, EphemeralPorts ports) {
    runtimeId = id;
    status = ContainerStatus.RUNNING;
    bindings = bindings(reservedHostPorts, networkMode, ports);
    if (definition.healthCheck() != null) {
      health = script.unhealthy() ? HealthStatus.UNHEALTHY : HealthStatus.HEALTHY;
    }
  }

  /** It could not start: STOPPED without an exit code, the runtime's words as the reason. */
  void failedToStart(String id, String message) {
    runtimeId = id;
    status = ContainerStatus.STOPPED;
    reason = TaskScript.START_ERROR_PREFIX + message;
  }

  /**
   * It exited (by itself, or stopped): STOPPED with {@code code}; one that never started has none.
   * The ephemeral ports it took go back to {@code ports}.
   */
  void exited(int code, EphemeralPorts ports) {
    if (stopped()) {
      return;
    }
    exitCode = runtimeId == null ? null : code;
    status = ContainerStatus.STOPPED;
    ephemeral.forEach(ports::release);
    ephemeral.clear();
  }

  TaskContainer facts() {
    return new TaskContainer(name(), definition.essentialOrDefault(), definition.healthCheck() != null, status,
        health, exitCode, reason);
  }

  AgentMessage.ContainerStateChange report() {
    return new AgentMessage.ContainerStateChange(name(), runtimeId, status.name(), exitCode, reason, health.name(),
        bindings);
  }

  /**
   * Published ports: the host port the control plane reserved, else the mapping's static one
   * (host and awsvpc mode: the container port), else an ephemeral port of the machine's.
   */
  private List<NetworkBinding> bindings(Map<String, Integer> reserved, String networkMode, EphemeralPorts ports) {
    List<NetworkBinding> out = new ArrayList<>();
    if (definition.portMappings() == null || "none".equals(networkMode)) {
      return out;
    }
    boolean samePort = "host".equals(networkMode) || "awsvpc".equals(networkMode);
    for (PortMapping pm : definition.portMappings()) {
      if (pm.containerPort() == null) {
        continue; // port ranges are not simulated
      }
      String protocol = pm.protocol() == null ? "tcp" : pm.protocol().toLowerCase(Locale.ROOT);
      Integer host = reserved.get(name() + "/" + pm.containerPort() + ("udp".equals(protocol) ? "/udp" : ""));
      if (host == null && samePort) {
        host = pm.containerPort();
      } else if (host == null && pm.hostPort() != null && pm.hostPort() != 0) {
        host = pm.hostPort();
      } else if (host == null) {
        host = ports.take();
        ephemeral.add(host);
      }
      out.add(new NetworkBinding("0.0.0.0", pm.containerPort(), host, protocol, null, null));
    }
    return List.copyOf(out);
  }
}
