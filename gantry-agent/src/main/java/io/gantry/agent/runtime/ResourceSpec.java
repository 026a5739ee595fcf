package io.gantry.agent.runtime;

import java.util.List;
import java.util.Objects;

/**
 * Resource controls in runtime units: CPU shares (at least 2), hard and soft memory limits,
 * memory plus swap, swappiness, {@code /dev/shm} size (all bytes; null: runtime default),
 * ulimits, the parent cgroup that holds the task's limits (null: the runtime's default), and the
 * GPUs pinned to the container (null: none).
 */
public record ResourceSpec(
    int cpuShares,
    Long memoryBytes,
    Long memoryReservationBytes,
    Long memorySwapBytes,
    Integer memorySwappiness,
    Long sharedMemoryBytes,
    List<Ulimit> ulimits,
    String cgroupParent,
    GpuSpec gpus) {

  /** The smallest CPU share value the Linux kernel accepts. */
  public static final int MIN_CPU_SHARES = 2;

  public ResourceSpec {
    if (cpuShares < MIN_CPU_SHARES) {
      throw new IllegalArgumentException("cpuShares must be at least 2: " + cpuShares);
    }
    ulimits = Copies.list(ulimits);
  }

  /** Resource controls without GPUs. */
  public ResourceSpec(int cpuShares, Long memoryBytes, Long memoryReservationBytes, Long memorySwapBytes,
      Integer memorySwappiness, Long sharedMemoryBytes, List<Ulimit> ulimits, String cgroupParent) {
    this(cpuShares, memoryBytes, memoryReservationBytes, memorySwapBytes, memorySwappiness, sharedMemoryBytes, ulimits,
        cgroupParent, null);
  }

  /** Resource controls without a task cgroup. */
  public ResourceSpec(int cpuShares, Long memoryBytes, Long memoryReservationBytes, Long memorySwapBytes,
      Integer memorySwappiness, Long sharedMemoryBytes, List<Ulimit> ulimits) {
    this(cpuShares, memoryBytes, memoryReservationBytes, memorySwapBytes, memorySwappiness, sharedMemoryBytes, ulimits,
        null, null);
  }

  /** These controls inside the cgroup {@code parent}. */
  public ResourceSpec withCgroupParent(String parent) {
    return new ResourceSpec(cpuShares, memoryBytes, memoryReservationBytes, memorySwapBytes, memorySwappiness,
        sharedMemoryBytes, ulimits, parent, gpus);
  }

  /** A resource limit ({@code nofile}, {@code nproc}, …). */
  public record Ulimit(String name, long soft, long hard) {
    public Ulimit {
      Objects.requireNonNull(name, "name");
    }
  }
}
