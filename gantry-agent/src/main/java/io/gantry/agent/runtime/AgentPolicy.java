package io.gantry.agent.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What this agent permits and assumes when it translates container definitions: whether
 * privileged containers are allowed, the stop timeout for containers that set none (ECS's
 * {@code ECS_CONTAINER_STOP_TIMEOUT}, 30 s by default), and the image of awsvpc tasks' pause
 * containers ({@code --pause-image}, default {@code gantry/pause:latest}).
 */
public record AgentPolicy(boolean privilegedAllowed, Duration defaultStopTimeout, String pauseImage) {
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
  public static final String DEFAULT_PAUSE_IMAGE = "gantry/pause:latest";

  public AgentPolicy {
    Objects.requireNonNull(defaultStopTimeout, "defaultStopTimeout");
    pauseImage = pauseImage == null || pauseImage.isBlank() ? DEFAULT_PAUSE_IMAGE : pauseImage;
  }

  public AgentPolicy(boolean privilegedAllowed, Duration defaultStopTimeout) {
    this(privilegedAllowed, defaultStopTimeout, DEFAULT_PAUSE_IMAGE);
  }

  /** Privileged containers refused, 30 s stop timeout. */
  public static AgentPolicy defaults() {
    return new AgentPolicy(false, DEFAULT_STOP_TIMEOUT);
  }
}
