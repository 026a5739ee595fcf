package io.gantry.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's parent cgroup with its task-level limits, on a cgroup root laid out as cgroup v1
 * (separate memory and cpu hierarchies; this machine's) and as cgroup v2 (one unified tree with
 * {@code cgroup.controllers}): memory in bytes with no swap beyond it, CPU as a CFS quota of
 * {@code units/1024} of each 100 ms period. (Removal is rmdir of kernel directories; AwsVpcIT
 * checks it on the real cgroup tree.)
 */
class TaskCgroupsTest {
  @TempDir Path root;

  @Test
  void cgroupV1GetsMemoryAndCpuLimitsInTheirHierarchies() throws Exception {
    Files.createDirectories(root.resolve("memory"));
    Files.createDirectories(root.resolve("cpu"));
    TaskCgroups cgroups = new TaskCgroups(root);
    assertThat(cgroups.ensure("t1", 256, 512)).isEqualTo("/gantry/t1");
    assertThat(Files.readString(root.resolve("memory/gantry/t1/memory.limit_in_bytes"))).isEqualTo("536870912");
    assertThat(Files.readString(root.resolve("cpu/gantry/t1/cpu.cfs_period_us"))).isEqualTo("100000");
    assertThat(Files.readString(root.resolve("cpu/gantry/t1/cpu.cfs_quota_us"))).isEqualTo("25000");
  }

  @Test
  void cgroupV2GetsMemoryMaxAndCpuMaxInTheUnifiedTree() throws Exception {
    Files.writeString(root.resolve("cgroup.controllers"), "cpu memory io");
    TaskCgroups cgroups = new TaskCgroups(root);
    cgroups.ensure("t2", 2048, 4096);
    assertThat(Files.readString(root.resolve("gantry/t2/memory.max"))).isEqualTo(Long.toString(4096L << 20));
    assertThat(Files.readString(root.resolve("gantry/t2/cpu.max"))).isEqualTo("200000 100000");
    cgroups.ensure("t3", null, null);
    assertThat(Files.readString(root.resolve("gantry/t3/memory.max"))).isEqualTo("max");
    assertThat(Files.readString(root.resolve("gantry/t3/cpu.max"))).isEqualTo("max 100000");
  }
}
