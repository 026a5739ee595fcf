package io.gantry.model.taskdef;

import java.util.List;

/** A host device exposed to a container (ECS {@code Device}). */
public record Device(String hostPath, String containerPath, List<String> permissions) {
  public Device {
    permissions = WireCollections.list(permissions);
  }
}
