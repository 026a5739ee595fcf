package io.gantry.model.taskdef;

import java.util.List;

/**
 * Linux-specific container settings (ECS {@code LinuxParameters}): capabilities, devices, init
 * process, shared memory, tmpfs mounts and swap.
 */
public record LinuxParameters(
    KernelCapabilities capabilities,
    List<Device> devices,
    Boolean initProcessEnabled,
    Integer sharedMemorySize,
    List<Tmpfs> tmpfs,
    Integer maxSwap,
    Integer swappiness) {
  public LinuxParameters {
    devices = WireCollections.list(devices);
    tmpfs = WireCollections.list(tmpfs);
  }
}
