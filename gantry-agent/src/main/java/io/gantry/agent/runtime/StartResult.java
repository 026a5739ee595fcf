package io.gantry.agent.runtime;

import java.util.Objects;

/** The outcome of {@link ContainerRuntime#start}. */
public sealed interface StartResult {

  /** The container was started (or was already running). */
  record Started() implements StartResult {}

  /** The start failed; {@code reason} reads like ECS, {@code CannotStartContainerError: …}. */
  record Failed(String reason) implements StartResult {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
