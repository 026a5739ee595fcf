package io.gantry.agent.session;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One agent process's configuration, read once at start-up.
 *
 * @param endpoint the control plane's base URL
 * @param cluster the cluster this machine joins
 * @param region the region the agent's requests are signed for
 * @param dataDir where the agent keeps its identity and task state
 * @param reservedMemoryMib memory kept back from tasks for the system
 * @param availabilityZone the {@code ecs.availability-zone} attribute
 * @param instanceType the {@code ecs.instance-type} attribute
 * @param privilegedAllowed whether tasks may run privileged containers
 * @param stopTimeout the default time between SIGTERM and SIGKILL
 * @param pauseImage the image of awsvpc tasks' pause containers (default gantry/pause:latest)
 */
public record AgentConfig(URI endpoint, String cluster, String region, Path dataDir, long reservedMemoryMib,
    String availabilityZone, String instanceType, boolean privilegedAllowed, Duration stopTimeout,
    String pauseImage) {

  public AgentConfig {
    if (endpoint == null || cluster == null || cluster.isBlank() || region == null || dataDir == null) {
      throw new IllegalArgumentException("endpoint, cluster, region and data dir are required");
    }
    if (reservedMemoryMib < 0) {
      throw new IllegalArgumentException("reserved memory must not be negative");
    }
    pauseImage = pauseImage == null || pauseImage.isBlank() ? "gantry/pause:latest" : pauseImage;
  }

  public AgentConfig(URI endpoint, String cluster, String region, Path dataDir, long reservedMemoryMib,
      String availabilityZone, String instanceType, boolean privilegedAllowed, Duration stopTimeout) {
    this(endpoint, cluster, region, dataDir, reservedMemoryMib, availabilityZone, instanceType, privilegedAllowed,
        stopTimeout, null);
  }

  public static AgentConfig defaults(URI endpoint, String cluster, Path dataDir) {
    return new AgentConfig(endpoint, cluster, "us-east-1", dataDir, 256, "us-east-1a", "gantry.local", false,
        Duration.ofSeconds(30));
  }
}
