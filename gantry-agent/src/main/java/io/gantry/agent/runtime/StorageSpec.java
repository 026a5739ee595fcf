package io.gantry.agent.runtime;

import java.util.List;
import java.util.Objects;

/**
 * What the container mounts: host paths and Docker volumes, tmpfs mounts, and the volumes of
 * other containers of the task.
 */
public record StorageSpec(List<Mount> mounts, List<Tmpfs> tmpfs, List<VolumeFrom> volumesFrom) {

  public StorageSpec {
    mounts = Copies.list(mounts);
    tmpfs = Copies.list(tmpfs);
    volumesFrom = Copies.list(volumesFrom);
  }

  /** Whether a mount's source is a host path or a Docker volume name. */
  public enum MountKind {
    BIND,
    VOLUME
  }

  /** {@code source} (host path or volume name) mounted at {@code containerPath}. */
  public record Mount(MountKind kind, String source, String containerPath, boolean readOnly) {
    public Mount {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(containerPath, "containerPath");
    }
  }

  /** A tmpfs of {@code sizeMiB} (null: runtime default) with extra mount options. */
  public record Tmpfs(String containerPath, Integer sizeMiB, List<String> mountOptions) {
    public Tmpfs {
      Objects.requireNonNull(containerPath, "containerPath");
      mountOptions = Copies.list(mountOptions);
    }
  }

  /** Mount every volume of the container {@code runtimeId}. */
  public record VolumeFrom(String runtimeId, boolean readOnly) {
    public VolumeFrom {
      Objects.requireNonNull(runtimeId, "runtimeId");
    }
  }
}
