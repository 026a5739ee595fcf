package io.gantry.agent.runtime;

import static io.gantry.agent.runtime.ContainerDefinitionBuilder.container;
import static io.gantry.agent.runtime.Specs.IMAGE;
import static io.gantry.agent.runtime.Specs.linux;
import static io.gantry.agent.runtime.Specs.refusal;
import static io.gantry.agent.runtime.Specs.spec;
import static io.gantry.agent.runtime.TaskContexts.TASK_ARN;
import static io.gantry.agent.runtime.TaskContexts.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.model.taskdef.DockerVolumeConfiguration;
import io.gantry.model.taskdef.EFSVolumeConfiguration;
import io.gantry.model.taskdef.HostVolumeProperties;
import io.gantry.model.taskdef.MountPoint;
import io.gantry.model.taskdef.Tmpfs;
import io.gantry.model.taskdef.Volume;
import io.gantry.model.taskdef.VolumeFrom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The translator's storage: bind mounts, task and shared Docker volumes, tmpfs, volumesFrom. */
class StorageSpecsTest {
  @Test
  void tmpfs_mounts_keep_size_and_options() {
    StorageSpec st = spec(container("app", IMAGE).linuxParameters(linux(null, null, null, null,
        List.of(new Tmpfs("/scratch", 16, List.of("noexec"))), null, null)).build()).storage();
    assertThat(st.tmpfs()).containsExactly(new StorageSpec.Tmpfs("/scratch", 16, List.of("noexec")));
  }


  @Test
  void host_volume_with_a_path_is_a_bind_mount() {
    TaskContext t = task("bridge", List.of(
        new Volume("data", new HostVolumeProperties("/srv/data"), null, null, null, null, null)));
    StorageSpec st = spec(t, container("app", IMAGE)
        .mountPoints(List.of(new MountPoint("data", "/data", true))).build()).storage();
    assertThat(st.mounts()).containsExactly(
        new StorageSpec.Mount(StorageSpec.MountKind.BIND, "/srv/data", "/data", true));
    assertThat(ContainerSpecs.taskVolumes(t)).isEmpty();
  }


  @Test
  void volume_without_configuration_is_a_task_scoped_local_volume() {
    TaskContext t = task("bridge", List.of(new Volume("scratch", null, null, null, null, null, null)));
    StorageSpec st = spec(t, container("app", IMAGE)
        .mountPoints(List.of(new MountPoint("scratch", "/scratch", null))).build()).storage();
    String name = "ecs-web-3-scratch-0123456789abcdef0123456789abcdef";
    assertThat(st.mounts()).containsExactly(
        new StorageSpec.Mount(StorageSpec.MountKind.VOLUME, name, "/scratch", false));
    assertThat(ContainerSpecs.taskVolumes(t)).singleElement().satisfies(v -> {
      assertThat(v.name()).isEqualTo(name);
      assertThat(v.scope()).isEqualTo(VolumeSpec.Scope.TASK);
      assertThat(v.driver()).isEqualTo("local");
      assertThat(v.mayCreate()).isTrue();
      assertThat(v.labels()).containsEntry(ContainerLabels.TASK_ARN, TASK_ARN);
    });
  }


  @Test
  void docker_volume_scopes_name_the_volume_per_task_or_by_its_own_name() {
    TaskContext t = task("bridge", List.of(
        new Volume("cache", null, null, new DockerVolumeConfiguration("shared", false, "local",
            Map.of("type", "tmpfs", "device", "tmpfs"), Map.of("team", "blue")), null, null, null),
        new Volume("work", null, null, new DockerVolumeConfiguration("task", null, null, null, null),
            null, null, null)));
    StorageSpec st = spec(t, container("app", IMAGE).mountPoints(List.of(
        new MountPoint("cache", "/cache", false), new MountPoint("work", "/work", false))).build())
        .storage();
    assertThat(st.mounts()).extracting(StorageSpec.Mount::source)
        .containsExactly("cache", "ecs-web-3-work-0123456789abcdef0123456789abcdef");
    List<VolumeSpec> volumes = ContainerSpecs.taskVolumes(t);
    assertThat(volumes.get(0).scope()).isEqualTo(VolumeSpec.Scope.SHARED);
    assertThat(volumes.get(0).mayCreate()).isFalse();
    assertThat(volumes.get(0).driverOptions()).containsEntry("type", "tmpfs");
    assertThat(volumes.get(0).labels()).containsOnly(Map.entry("team", "blue"));
    assertThat(volumes.get(1).scope()).isEqualTo(VolumeSpec.Scope.TASK);
  }


  @Test
  void mount_of_an_undeclared_or_unsupported_volume_is_refused() {
    assertThat(refusal(task("bridge"), container("app", IMAGE)
        .mountPoints(List.of(new MountPoint("nope", "/x", null))).build()))
        .contains("source volume nope, which the task does not declare");
    TaskContext efs = task("bridge", List.of(new Volume("efs", null, null, null,
        new EFSVolumeConfiguration("fs-1", null, null, null, null), null, null)));
    assertThat(refusal(efs, container("app", IMAGE)
        .mountPoints(List.of(new MountPoint("efs", "/x", null))).build()))
        .contains("efsVolumeConfiguration, which this agent does not support");
  }


  @Test
  void volumes_from_resolve_to_runtime_ids() {
    TaskContext t = task("bridge").withRuntimeId("data", "id-data");
    StorageSpec st = spec(t, container("app", IMAGE)
        .volumesFrom(List.of(new VolumeFrom("data", true))).build()).storage();
    assertThat(st.volumesFrom()).containsExactly(new StorageSpec.VolumeFrom("id-data", true));
    assertThat(refusal(task("bridge"), container("app", IMAGE)
        .volumesFrom(List.of(new VolumeFrom("data", null))).build()))
        .contains("takes volumes from data, which has not been created");
  }
}
