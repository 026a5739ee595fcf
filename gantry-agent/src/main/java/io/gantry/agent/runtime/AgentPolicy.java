package io.gantry.agent.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What this agent permits and assumes when it translates container definitions: whether
 * privileged containers are allowed, the stop timeout for containers that set none (ECS's
 * {@code ECS_CONTAINER_STOP_TIMEOUT}, 30 s by default), and the image of awsvpc tasks' pause
 * containers ({@code --pause-image}, default {@code gantry/pause:latest}), and the OCI runtime
 * GPU containers run under ({@code --nvidia-runtime}; null: Docker device requests, see
 * {@link GpuSpec}).
 */
public record AgentPolicy(boolean privilegedAllowed, Duration defaultStopTimeout, String pauseImage,
    String nvidiaRuntime) {
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(30);
  public static final String DEFAULT_PAUSE_IMAGE = "gantry/pause:latest";

  public AgentPolicy {
    Objects.requireNonNull(defaultStopTimeout, "defaultStopTimeout");
    pauseImage = pauseImage == null || pauseImage.isBlank() ? DEFAULT_PAUSE_IMAGE : pauseImage;
    nvidiaRuntime = nvidiaRuntime == null || nvidiaRuntime.isBlank() ? null : nvidiaRuntime;
  }

  /** GPU containers through Docker device requests. */
  public AgentPolicy(boolean privilegedAllowed, Duration defaultStopTimeout, String pauseImage) {
    this(privilegedAllowed, defaultStopTimeout, pauseImage, null);
  }

  public AgentPolicy(boolean privilegedAllowed, Duration defaultStopTimeout) {
    this(privilegedAllowed, defaultStopTimeout, DEFAULT_PAUSE_IMAGE);
  }

  /** Privileged containers refused, 30 s stop timeout. */
  public static AgentPolicy defaults() {
    return new AgentPolicy(false, DEFAULT_STOP_TIMEOUT);
  }
}
