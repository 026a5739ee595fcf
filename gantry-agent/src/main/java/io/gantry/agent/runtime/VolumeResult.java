package io.gantry.agent.runtime;

import java.util.Objects;

/** The outcome of {@link ContainerRuntime#ensureVolume}. */
public sealed interface VolumeResult {

  /** The volume exists; {@code created} tells whether this call created it. */
  record Ready(String name, boolean created) implements VolumeResult {
    public Ready {
      Objects.requireNonNull(name, "name");
    }
  }

  /** The volume cannot be used; {@code reason} in ECS words. */
  record Failed(String name, String reason) implements VolumeResult {
    public Failed {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
