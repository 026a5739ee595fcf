package io.gantry.model.task;

import java.util.List;

/**
 * One container of a task as ECS describes it (ECS {@code Container}): identity, the image it
 * runs, its known status ({@code lastStatus}: PENDING, RUNNING or STOPPED, see {@link
 * ContainerStatus}), how it ended ({@code exitCode}, {@code reason}), its ports and health
 * ({@code healthStatus}: see {@link HealthStatus}), and the resources it was given as strings,
 * the way ECS returns them. Immutable; the {@code with…} methods return changed copies.
 */
public record Container(
    String containerArn,
    String taskArn,
    String name,
    String image,
    String imageDigest,
    String runtimeId,
    String lastStatus,
    Integer exitCode,
    String reason,
    List<NetworkBinding> networkBindings,
    List<NetworkInterface> networkInterfaces,
    String healthStatus,
    List<ManagedAgent> managedAgents,
    String cpu,
    String memory,
    String memoryReservation,
    List<String> gpuIds) {

  public Container {
    networkBindings = WireCollections.list(networkBindings);
    networkInterfaces = WireCollections.list(networkInterfaces);
    managedAgents = WireCollections.list(managedAgents);
    gpuIds = WireCollections.list(gpuIds);
  }

  /** This container with a new known status and, when it stopped, its exit code and reason. */
  public Container withStatus(String newLastStatus, Integer newExitCode, String newReason) {
    return new Container(containerArn, taskArn, name, image, imageDigest, runtimeId, newLastStatus,
        newExitCode, newReason, networkBindings, networkInterfaces, healthStatus, managedAgents, cpu,
        memory, memoryReservation, gpuIds);
  }

  /** This container once the runtime created it: its runtime (Docker) id and image digest. */
  public Container withRuntime(String newRuntimeId, String newImageDigest) {
    return new Container(containerArn, taskArn, name, image, newImageDigest, newRuntimeId, lastStatus,
        exitCode, reason, networkBindings, networkInterfaces, healthStatus, managedAgents, cpu, memory,
        memoryReservation, gpuIds);
  }

  /** This container with the host ports it was published on. */
  public Container withNetworkBindings(List<NetworkBinding> newNetworkBindings) {
    return new Container(containerArn, taskArn, name, image, imageDigest, runtimeId, lastStatus,
        exitCode, reason, newNetworkBindings, networkInterfaces, healthStatus, managedAgents, cpu,
        memory, memoryReservation, gpuIds);
  }

  /** This container with a new health status. */
  public Container withHealthStatus(String newHealthStatus) {
    return new Container(containerArn, taskArn, name, image, imageDigest, runtimeId, lastStatus,
        exitCode, reason, networkBindings, networkInterfaces, newHealthStatus, managedAgents, cpu,
        memory, memoryReservation, gpuIds);
  }

  /** This container with the instance's GPUs assigned to it. */
  public Container withGpuIds(List<String> newGpuIds) {
    return new Container(containerArn, taskArn, name, image, imageDigest, runtimeId, lastStatus,
        exitCode, reason, networkBindings, networkInterfaces, healthStatus, managedAgents, cpu,
        memory, memoryReservation, newGpuIds);
  }
}
