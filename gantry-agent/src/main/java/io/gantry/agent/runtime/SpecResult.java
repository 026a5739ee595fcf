package io.gantry.agent.runtime;

import java.util.Objects;

/** The outcome of translating a container definition: a spec, or a refusal with an ECS reason. */
public sealed interface SpecResult {

  /** The definition translated into {@code spec}. */
  record Ok(ContainerSpec spec) implements SpecResult {
    public Ok {
      Objects.requireNonNull(spec, "spec");
    }
  }

  /**
   * This agent will not run the definition as given (privileged mode not allowed, a volume type
   * it does not support, a link to a container that does not exist yet, …).
   */
  record Refused(String reason) implements SpecResult {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
