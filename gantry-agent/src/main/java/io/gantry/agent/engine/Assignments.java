package io.gantry.agent.engine;

import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.agent.runtime.SpecOverrides;
import io.gantry.agent.runtime.TaskContext;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.task.ContainerOverride;
import io.gantry.model.task.Container;
import io.gantry.model.task.Task;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.PortMapping;
import io.gantry.model.taskdef.TaskDefinition;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what the spec translator needs out of a task assignment: the task's context (identity,
 * network mode, volumes, the host ports the control plane reserved, the runtime ids known so far)
 * and one container's overrides. Pure.
 */
final class Assignments {
  private Assignments() {}

  static TaskContext context(TaskAssignment a, AgentPolicy policy, Map<String, String> runtimeIds) {
    Task task = a.task();
    TaskDefinition def = a.taskDefinition();
    return new TaskContext(task.taskArn(), clusterName(task.clusterArn()), family(a),
        def.revision() == null ? 0 : def.revision(), def.networkMode(), def.volumes(),
        hostPorts(a), runtimeIds, policy, gpuIds(task));
  }

  /** The GPU ids the control plane assigned, by container name (containers without GPUs left out). */
  static Map<String, List<String>> gpuIds(Task task) {
    Map<String, List<String>> out = new java.util.HashMap<>();
    for (Container c : task.containers()) {
      if (c != null && c.name() != null && c.gpuIds() != null && !c.gpuIds().isEmpty()) {
        out.put(c.name(), c.gpuIds());
      }
    }
    return out;
  }

  /** The cluster name of a cluster ARN ({@code …:cluster/name}); a bare name is returned as is. */
  static String clusterName(String clusterArn) {
    if (clusterArn == null) {
      return "default";
    }
    return clusterArn.substring(clusterArn.lastIndexOf('/') + 1);
  }

  private static String family(TaskAssignment a) {
    String family = a.taskDefinition().family();
    return family == null ? "task" : family;
  }

  /**
   * The reserved host ports, keyed {@code container/containerPort}, applied to every protocol the
   * container maps that port with.
   */
  static Map<TaskContext.PortKey, Integer> hostPorts(TaskAssignment a) {
    Map<TaskContext.PortKey, Integer> ports = new HashMap<>();
    for (Map.Entry<String, Integer> e : a.reservedHostPorts().entrySet()) {
      int slash = e.getKey().lastIndexOf('/');
      if (slash < 0 || e.getValue() == null) {
        continue;
      }
      String container = e.getKey().substring(0, slash);
      int containerPort;
      try {
        containerPort = Integer.parseInt(e.getKey().substring(slash + 1));
      } catch (NumberFormatException ignored) {
        continue;
      }
      for (String protocol : protocols(a.taskDefinition(), container, containerPort)) {
        ports.put(new TaskContext.PortKey(container, containerPort, protocol), e.getValue());
      }
    }
    return ports;
  }

  private static List<String> protocols(TaskDefinition def, String container, int containerPort) {
    for (ContainerDefinition c : def.containerDefinitions()) {
      if (!c.name().equals(container) || c.portMappings() == null) {
        continue;
      }
      List<String> found = c.portMappings().stream()
          .filter(pm -> pm.containerPort() != null && pm.containerPort() == containerPort)
          .map(Assignments::protocol)
          .distinct()
          .toList();
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of("tcp");
  }

  private static String protocol(PortMapping pm) {
    return pm.protocol() == null ? "tcp" : pm.protocol().toLowerCase(Locale.ROOT);
  }

  /** The RunTask/StartTask overrides of container {@code name}; NONE when there are none. */
  static SpecOverrides overrides(Task task, String name) {
    if (task.overrides() == null || task.overrides().containerOverrides() == null) {
      return SpecOverrides.NONE;
    }
    for (ContainerOverride o : task.overrides().containerOverrides()) {
      if (o != null && name.equals(o.name())) {
        List<String> command = o.command() == null || o.command().isEmpty() ? null : o.command();
        return new SpecOverrides(command, o.environment(), o.cpu(), o.memory(), o.memoryReservation());
      }
    }
    return SpecOverrides.NONE;
  }

  /**
   * The container's stop timeout: the assignment's when the control plane set one (the Spot
   * warning of an interrupted FARGATE_SPOT task), else the container's own, else the agent's default.
   */
  static Duration stopTimeout(TaskAssignment a, ContainerDefinition def, AgentPolicy policy) {
    if (a != null && a.stopTimeoutSeconds() != null) {
      return Duration.ofSeconds(a.stopTimeoutSeconds());
    }
    return stopTimeout(def, policy);
  }

  /** The container's stop timeout: its own {@code stopTimeout}, else the agent's default. */
  static Duration stopTimeout(ContainerDefinition def, AgentPolicy policy) {
    return def.stopTimeout() == null ? policy.defaultStopTimeout() : Duration.ofSeconds(def.stopTimeout());
  }
}
