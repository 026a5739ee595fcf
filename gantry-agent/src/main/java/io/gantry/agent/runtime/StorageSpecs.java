package io.gantry.agent.runtime;

import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.DockerVolumeConfiguration;
import io.gantry.model.taskdef.LinuxParameters;
import io.gantry.model.taskdef.MountPoint;
import io.gantry.model.taskdef.Tmpfs;
import io.gantry.model.taskdef.Volume;
import io.gantry.model.taskdef.VolumeFrom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates task volumes and a container's mount points, tmpfs mounts and {@code volumesFrom}.
 * A volume with a host {@code sourcePath} is a bind mount; a {@code dockerVolumeConfiguration}
 * is a Docker volume (task scope: named per task and removed with it; shared scope: named after
 * the volume and kept); a volume with neither is a task-scoped local Docker volume, as on ECS.
 * Pure.
 */
final class StorageSpecs {
  private StorageSpecs() {}

  static List<VolumeSpec> taskVolumes(TaskContext task) {
    List<VolumeSpec> specs = new ArrayList<>();
    for (Volume v : task.volumes()) {
      if (isBind(v) || unsupported(v) != null) {
        continue;
      }
      DockerVolumeConfiguration config = v.dockerVolumeConfiguration();
      boolean shared = config != null && "shared".equals(config.scope());
      Map<String, String> labels = new LinkedHashMap<>();
      if (config != null && config.labels() != null) {
        labels.putAll(config.labels());
      }
      if (!shared) {
        labels.put(ContainerLabels.TASK_ARN, task.taskArn());
        labels.put(ContainerLabels.CLUSTER, task.cluster());
      }
      specs.add(new VolumeSpec(
          volumeName(task, v),
          shared ? VolumeSpec.Scope.SHARED : VolumeSpec.Scope.TASK,
          config != null && Boolean.TRUE.equals(config.autoprovision()),
          config == null ? null : config.driver(),
          config == null || config.driverOpts() == null ? Map.of() : config.driverOpts(),
          labels));
    }
    return specs;
  }

  /**
   * The Docker volume name of a non-bind task volume: the volume's own name for shared scope,
   * {@code ecs-<family>-<revision>-<volume>-<task id>} for task scope.
   */
  static String volumeName(TaskContext task, Volume v) {
    DockerVolumeConfiguration config = v.dockerVolumeConfiguration();
    if (config != null && "shared".equals(config.scope())) {
      return v.name();
    }
    return ContainerSpecs.sanitize("ecs-" + task.family() + "-" + task.revision() + "-" + v.name()
        + "-" + task.taskId());
  }

  static StorageSpec from(TaskContext task, ContainerDefinition def) {
    List<StorageSpec.Mount> mounts = new ArrayList<>();
    for (MountPoint mp : Copies.list(def.mountPoints())) {
      mounts.add(mount(task, def.name(), mp));
    }
    List<StorageSpec.Tmpfs> tmpfs = new ArrayList<>();
    LinuxParameters linux = def.linuxParameters();
    if (linux != null) {
      for (Tmpfs t : Copies.list(linux.tmpfs())) {
        if (t.containerPath() == null) {
          throw new SpecRefusal("tmpfs of container " + def.name() + " has no containerPath");
        }
        tmpfs.add(new StorageSpec.Tmpfs(t.containerPath(), t.size(), t.mountOptions()));
      }
    }
    List<StorageSpec.VolumeFrom> volumesFrom = new ArrayList<>();
    for (VolumeFrom vf : Copies.list(def.volumesFrom())) {
      String runtimeId = task.runtimeIds().get(vf.sourceContainer());
      if (runtimeId == null) {
        throw new SpecRefusal("container " + def.name() + " takes volumes from "
            + vf.sourceContainer() + ", which has not been created");
      }
      volumesFrom.add(new StorageSpec.VolumeFrom(runtimeId, Boolean.TRUE.equals(vf.readOnly())));
    }
    return new StorageSpec(mounts, tmpfs, volumesFrom);
  }

  private static StorageSpec.Mount mount(TaskContext task, String container, MountPoint mp) {
    Volume v = task.volumes().stream()
        .filter(candidate -> candidate.name() != null && candidate.name().equals(mp.sourceVolume()))
        .findFirst()
        .orElseThrow(() -> new SpecRefusal("mount point of container " + container
            + " names source volume " + mp.sourceVolume() + ", which the task does not declare"));
    if (mp.containerPath() == null) {
      throw new SpecRefusal("mount point of container " + container + " has no containerPath");
    }
    String unsupported = unsupported(v);
    if (unsupported != null) {
      throw new SpecRefusal("volume " + v.name() + " uses " + unsupported
          + ", which this agent does not support");
    }
    boolean readOnly = Boolean.TRUE.equals(mp.readOnly());
    if (isBind(v)) {
      return new StorageSpec.Mount(StorageSpec.MountKind.BIND, v.host().sourcePath(),
          mp.containerPath(), readOnly);
    }
    return new StorageSpec.Mount(StorageSpec.MountKind.VOLUME, volumeName(task, v),
        mp.containerPath(), readOnly);
  }

  private static boolean isBind(Volume v) {
    return v.host() != null && v.host().sourcePath() != null && !v.host().sourcePath().isEmpty();
  }

  private static String unsupported(Volume v) {
    if (v.efsVolumeConfiguration() != null) {
      return "efsVolumeConfiguration";
    }
    if (v.fsxWindowsFileServerVolumeConfiguration() != null) {
      return "fsxWindowsFileServerVolumeConfiguration";
    }
    if (v.s3filesVolumeConfiguration() != null) {
      return "s3filesVolumeConfiguration";
    }
    if (Boolean.TRUE.equals(v.configuredAtLaunch())) {
      return "configuredAtLaunch (EBS)";
    }
    return null;
  }
}
