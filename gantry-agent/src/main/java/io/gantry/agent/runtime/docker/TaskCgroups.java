package io.gantry.agent.runtime.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The parent cgroup of one task, which holds the task-level CPU and memory limits so that all its
 * containers together stay within them (Docker's {@code --cgroup-parent}; the Engine must use the
 * cgroupfs driver and run on this machine). cgroup v1: {@code memory/gantry/TASK} with
 * {@code memory.limit_in_bytes} (and the same memory+swap limit) and {@code cpu/gantry/TASK} with a CFS quota; cgroup v2:
 * {@code gantry/TASK} with {@code memory.max} and {@code cpu.max}. Blocking file work; thread-safe.
 */
final class TaskCgroups {
  static final String PARENT = "gantry";
  private static final long PERIOD_US = 100_000;

  private final Path root;

  TaskCgroups(Path root) {
    this.root = root;
  }

  /** The cgroup parent path of the task ({@code /gantry/TASK}) after its limits are written. */
  String ensure(String taskId, Integer cpuUnits, Integer memoryMib) {
    try {
      boolean v2 = Files.exists(root.resolve("cgroup.controllers"));
      if (v2) {
        enable(root, "+cpu +memory");
        Path parent = Files.createDirectories(root.resolve(PARENT));
        enable(parent, "+cpu +memory");
        Path task = Files.createDirectories(parent.resolve(taskId));
        write(task.resolve("memory.max"), memoryMib == null ? "max" : Long.toString(bytes(memoryMib)));
        write(task.resolve("cpu.max"), (cpuUnits == null ? "max" : Long.toString(quota(cpuUnits))) + " " + PERIOD_US);
      } else {
        if (memoryMib != null) {
          Path memory = Files.createDirectories(root.resolve("memory").resolve(PARENT).resolve(taskId));
          write(memory.resolve("memory.limit_in_bytes"), Long.toString(bytes(memoryMib)));
          Path swap = memory.resolve("memory.memsw.limit_in_bytes");
          if (Files.exists(swap)) {
            write(swap, Long.toString(bytes(memoryMib))); // no swap beyond the task's memory
          }
        }
        if (cpuUnits != null) {
          Path cpu = Files.createDirectories(root.resolve("cpu").resolve(PARENT).resolve(taskId));
          write(cpu.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
          write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(quota(cpuUnits)));
        }
      }
      return "/" + PARENT + "/" + taskId;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot set the task's limits in cgroup /" + PARENT + "/" + taskId + " under "
          + root + ": " + e.getMessage(), e);
    }
  }

  /** Removes the task's cgroup directories (they must be empty: its containers are gone). */
  void remove(String taskId) {
    for (Path dir : List.of(root.resolve(PARENT).resolve(taskId), root.resolve("memory").resolve(PARENT).resolve(taskId),
        root.resolve("cpu").resolve(PARENT).resolve(taskId))) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException ignored) {
        // a container still holds it, or it never existed; the next clean-up tries again
      }
    }
  }

  private static long bytes(int mib) {
    return mib * 1024L * 1024L;
  }

  private static long quota(int cpuUnits) {
    return Math.max(1000, cpuUnits * PERIOD_US / 1024);
  }

  private static void enable(Path dir, String controllers) throws IOException {
    Path control = dir.resolve("cgroup.subtree_control");
    if (Files.exists(control)) {
      for (String c : controllers.split(" ")) {
        try {
          write(control, c);
        } catch (IOException ignored) {
          // already on, or not available here; the limit files below say which
        }
      }
    }
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardCharsets.US_ASCII);
  }
}
