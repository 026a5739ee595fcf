package io.gantry.agent.runtime;

import io.gantry.model.taskdef.Volume;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the translation of one container needs to know about its task: identity (ARN, cluster,
 * family, revision), network mode (null: ECS's default, {@code bridge}), the task's volumes, the
 * host ports the control plane assigned to container ports (absent: the runtime picks one), the
 * runtime ids of the task's containers created so far (for links and {@code volumesFrom}), the
 * agent's policy, and the GPUs the control plane assigned to each container (by container name;
 * absent: none). Immutable.
 */
public record TaskContext(
    String taskArn,
    String cluster,
    String family,
    int revision,
    String networkMode,
    List<Volume> volumes,
    Map<PortKey, Integer> hostPorts,
    Map<String, String> runtimeIds,
    AgentPolicy policy,
    Map<String, List<String>> gpuIds) {

  public TaskContext {
    Objects.requireNonNull(taskArn, "taskArn");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(family, "family");
    volumes = Copies.list(volumes);
    hostPorts = hostPorts == null ? Map.of() : Map.copyOf(hostPorts);
    runtimeIds = runtimeIds == null ? Map.of() : Map.copyOf(runtimeIds);
    Objects.requireNonNull(policy, "policy");
    gpuIds = gpuIds == null ? Map.of() : Map.copyOf(gpuIds);
  }

  /** A task whose containers have no GPUs. */
  public TaskContext(String taskArn, String cluster, String family, int revision, String networkMode,
      List<Volume> volumes, Map<PortKey, Integer> hostPorts, Map<String, String> runtimeIds, AgentPolicy policy) {
    this(taskArn, cluster, family, revision, networkMode, volumes, hostPorts, runtimeIds, policy, Map.of());
  }

  /** The GPU ids assigned to container {@code name}; empty when it has none. */
  public List<String> gpuIdsOf(String name) {
    return gpuIds.getOrDefault(name, List.of());
  }

  /** A container port of one container of the task; {@code protocol} is {@code tcp} or {@code udp}. */
  public record PortKey(String containerName, int containerPort, String protocol) {
    public PortKey {
      Objects.requireNonNull(containerName, "containerName");
      Objects.requireNonNull(protocol, "protocol");
    }
  }

  /** The network mode the task's containers run in: the definition's, or {@code bridge}. */
  public String effectiveNetworkMode() {
    return networkMode == null ? NetworkSpec.BRIDGE : networkMode;
  }

  /** The task id: the last segment of the task ARN. */
  public String taskId() {
    return taskArn.substring(taskArn.lastIndexOf('/') + 1);
  }

  /** This context with one more container's runtime id known. */
  public TaskContext withRuntimeId(String containerName, String runtimeId) {
    Map<String, String> ids = new HashMap<>(runtimeIds);
    ids.put(containerName, runtimeId);
    return new TaskContext(taskArn, cluster, family, revision, networkMode, volumes, hostPorts, ids,
        policy, gpuIds);
  }
}
