package io.gantry.agent.runtime;

import java.util.Objects;

/** The outcome of {@link ContainerRuntime#create}. */
public sealed interface CreateResult {

  /** The container exists under {@code runtimeId} (the Docker id) and {@code name}. */
  record Created(String runtimeId, String name) implements CreateResult {
    public Created {
      Objects.requireNonNull(runtimeId, "runtimeId");
    }
  }

  /** Creation was refused; {@code reason} reads like ECS, {@code CannotCreateContainerError: …}. */
  record Failed(String reason) implements CreateResult {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
