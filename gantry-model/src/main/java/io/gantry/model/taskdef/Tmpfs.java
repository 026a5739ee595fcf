package io.gantry.model.taskdef;

import java.util.List;

/** A tmpfs mount in a container (ECS {@code Tmpfs}); {@code size} is in MiB. */
public record Tmpfs(String containerPath, Integer size, List<String> mountOptions) {
  public Tmpfs {
    mountOptions = WireCollections.list(mountOptions);
  }
}
