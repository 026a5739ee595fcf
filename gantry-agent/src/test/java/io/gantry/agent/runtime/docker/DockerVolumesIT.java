package io.gantry.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerSpecs;
import io.gantry.agent.runtime.TaskContext;
import io.gantry.agent.runtime.VolumeResult;
import io.gantry.agent.runtime.VolumeSpec;
import io.gantry.model.taskdef.DockerVolumeConfiguration;
import io.gantry.model.taskdef.HostVolumeProperties;
import io.gantry.model.taskdef.MountPoint;
import io.gantry.model.taskdef.Volume;
import io.gantry.model.taskdef.VolumeFrom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Volumes on the real Engine: host bind mounts (read-write and read-only), task-scoped and shared
 * Docker volumes (autoprovision), and {@code volumesFrom}.
 */
class DockerVolumesIT extends DockerItSupport {
  @ConcurrentTest
  void host_bind_mount_is_readable_and_read_only_mount_points_refuse_writes() throws IOException {
    Path dir = Files.createTempDirectory("gantry-it-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
    Files.writeString(dir.resolve("f"), "from-the-host");
    try {
      TaskContext task = task("bridge", List.of(new Volume("data",
          new HostVolumeProperties(dir.toString()), null, null, null, null, null)), AgentPolicy.defaults());
      Finished rw = runToEnd(task, busybox("rw").mountPoints(List.of(new MountPoint("data", "/data", false)))
          .shell("cat /data/f; echo; echo written > /data/g && echo rw-ok"));
      assertThat(rw.output()).contains("from-the-host").contains("rw-ok");
      assertThat(Files.readString(dir.resolve("g"))).contains("written");
      Finished ro = runToEnd(task, busybox("ro").mountPoints(List.of(new MountPoint("data", "/data", true)))
          .shell("touch /data/h && echo wrote || echo refused"));
      assertThat(ro.output()).contains("Read-only file system").contains("refused");
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @ConcurrentTest
  void task_scoped_volume_is_created_and_shared_between_containers_of_the_task() {
    TaskContext task = task("bridge", List.of(new Volume("scratch", null, null, null, null, null,
        null)), AgentPolicy.defaults());
    List<VolumeSpec> volumes = ContainerSpecs.taskVolumes(task);
    assertThat(volumes).hasSize(1);
    assertThat(runtime.ensureVolume(volumes.get(0)))
        .isEqualTo(new VolumeResult.Ready(volumes.get(0).name(), true));
    var mount = List.of(new MountPoint("scratch", "/v", false));
    runToEnd(task, busybox("writer").mountPoints(mount).shell("echo shared-data > /v/f"));
    Finished reader = runToEnd(task, busybox("reader").mountPoints(mount).shell("cat /v/f"));
    assertThat(reader.output()).contains("shared-data");
    assertThat(runtime.listVolumes(Map.of(ContainerLabels.TASK_ARN, task.taskArn())))
        .containsExactly(volumes.get(0).name());
    assertThat(runtime.removeVolume(volumes.get(0).name())).isFalse(); // still used by containers
  }

  @ConcurrentTest
  void shared_volume_needs_autoprovision_to_be_created() {
    String name = "gantry-it-shared-" + UUID.randomUUID();
    Map<String, String> labels = Map.of(RUN_LABEL, testId);
    TaskContext missing = task("bridge", List.of(new Volume(name, null, null,
        new DockerVolumeConfiguration("shared", false, null, null, labels), null, null, null)),
        AgentPolicy.defaults());
    assertThat(runtime.ensureVolume(ContainerSpecs.taskVolumes(missing).get(0)))
        .isInstanceOfSatisfying(VolumeResult.Failed.class,
            f -> assertThat(f.reason()).contains("autoprovision is false"));
    TaskContext auto = task("bridge", List.of(new Volume(name, null, null,
        new DockerVolumeConfiguration("shared", true, "local", Map.of("type", "tmpfs",
            "device", "tmpfs", "o", "size=4m"), labels), null, null, null)), AgentPolicy.defaults());
    assertThat(runtime.ensureVolume(ContainerSpecs.taskVolumes(auto).get(0)))
        .isEqualTo(new VolumeResult.Ready(name, true));
    Finished f = runToEnd(auto, busybox("app").mountPoints(List.of(new MountPoint(name, "/s", null)))
        .shell("grep ' /s ' /proc/mounts"));
    assertThat(f.output()).contains("tmpfs");
    assertThat(docker.inspectVolumeCmd(name).exec().getLabels()).containsEntry(RUN_LABEL, testId);
  }

  @ConcurrentTest
  void volumes_from_mounts_another_containers_volumes() {
    TaskContext task = task("bridge", List.of(new Volume("data", null, null, null, null, null, null)),
        AgentPolicy.defaults());
    ContainerSpecs.taskVolumes(task).forEach(runtime::ensureVolume);
    String source = start(task, busybox("source")
        .mountPoints(List.of(new MountPoint("data", "/data", false)))
        .shell("echo from-source > /data/f; echo ready; exec sleep 30"));
    awaitOutput(source, "ready");
    Finished f = runToEnd(task.withRuntimeId("source", source), busybox("app")
        .volumesFrom(List.of(new VolumeFrom("source", true)))
        .shell("cat /data/f; touch /data/x && echo wrote || echo refused"));
    assertThat(f.output()).contains("from-source").contains("refused");
  }
}
