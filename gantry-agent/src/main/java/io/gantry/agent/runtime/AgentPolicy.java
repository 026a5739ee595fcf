package io.gantry.agent.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What this agent permits and assumes when it translates container definitions: whether
 * privileged containers are allowed, and the stop timeout for containers that set none (ECS's
 * {@code ECS_CONTAINER_STOP_TIMEOUT}, 30 s by default).
 */
public record AgentPolicy(boolean privilegedAllowed, Duration defaultStopTimeout) {
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);

  public AgentPolicy {
    Objects.requireNonNull(defaultStopTimeout, "defaultStopTimeout");
  }

  /** Privileged containers refused, 30 s stop timeout. */
  public static AgentPolicy defaults() {
    return new AgentPolicy(false, DEFAULT_STOP_TIMEOUT);
  }
}
