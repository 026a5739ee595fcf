package io.gantry.agent.session;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One agent process's configuration, read once at start-up.
 *
 * @param endpoint the control plane's base URL (the first of {@code endpoints})
 * @param cluster the cluster this machine joins
 * @param region the region the agent's requests are signed for
 * @param dataDir where the agent keeps its identity and task state
 * @param reservedMemoryMib memory kept back from tasks for the system
 * @param availabilityZone the {@code ecs.availability-zone} attribute
 * @param instanceType the {@code ecs.instance-type} attribute
 * @param privilegedAllowed whether tasks may run privileged containers
 * @param stopTimeout the default time between SIGTERM and SIGKILL
 * @param pauseImage the image of awsvpc tasks' pause containers (default gantry/pause:latest)
 * @param capacityProvider the capacity provider this machine joins ({@code --capacity-provider}), or null
 * @param endpoints every control-plane replica's base URL, in the order the agent tries them: when
 *     the session with one ends or cannot be opened, the agent tries the next
 * @param gpus the GPUs this machine offers and how containers get them ({@code --gpus},
 *     {@code --nvidia-runtime})
 */
public record AgentConfig(URI endpoint, String cluster, String region, Path dataDir, long reservedMemoryMib,
    String availabilityZone, String instanceType, boolean privilegedAllowed, Duration stopTimeout,
    String pauseImage, String capacityProvider, List<URI> endpoints, GpuSettings gpus) {

  /** Without GPUs. */
  public AgentConfig(URI endpoint, String cluster, String region, Path dataDir, long reservedMemoryMib,
      String availabilityZone, String instanceType, boolean privilegedAllowed, Duration stopTimeout,
      String pauseImage, String capacityProvider, List<URI> endpoints) {
    this(endpoint, cluster, region, dataDir, reservedMemoryMib, availabilityZone, instanceType, privilegedAllowed,
        stopTimeout, pauseImage, capacityProvider, endpoints, GpuSettings.NONE);
  }

  /** With {@code endpoint} as the only control-plane URL, the default pause image and no capacity provider. */
  public AgentConfig(URI endpoint, String cluster, String region, Path dataDir, long reservedMemoryMib,
      String availabilityZone, String instanceType, boolean privilegedAllowed, Duration stopTimeout) {
    this(endpoint, cluster, region, dataDir, reservedMemoryMib, availabilityZone, instanceType, privilegedAllowed,
        stopTimeout, null);
  }

  /** With {@code endpoint} as the only control-plane URL and no capacity provider. */
  public AgentConfig(URI endpoint, String cluster, String region, Path dataDir, long reservedMemoryMib,
      String availabilityZone, String instanceType, boolean privilegedAllowed, Duration stopTimeout,
      String pauseImage) {
    this(endpoint, cluster, region, dataDir, reservedMemoryMib, availabilityZone, instanceType, privilegedAllowed,
        stopTimeout, pauseImage, null, endpoint == null ? List.of() : List.of(endpoint));
  }

  public AgentConfig {
    if (endpoint == null || cluster == null || cluster.isBlank() || region == null || dataDir == null) {
      throw new IllegalArgumentException("endpoint, cluster, region and data dir are required");
    }
    if (reservedMemoryMib < 0) {
      throw new IllegalArgumentException("reserved memory must not be negative");
    }
    pauseImage = pauseImage == null || pauseImage.isBlank() ? "gantry/pause:latest" : pauseImage;
    if (capacityProvider != null && !capacityProvider.matches("[a-zA-Z0-9_-]{1,255}")) {
      throw new IllegalArgumentException("a capacity provider name has 1-255 letters, digits, hyphens and "
          + "underscores: " + capacityProvider);
    }
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty() || !endpoints.get(0).equals(endpoint)) {
      throw new IllegalArgumentException("endpoints must start with the endpoint");
    }
    gpus = gpus == null ? GpuSettings.NONE : gpus;
  }

  /** This configuration offering {@code settings}' GPUs. */
  public AgentConfig withGpus(GpuSettings settings) {
    return new AgentConfig(endpoint, cluster, region, dataDir, reservedMemoryMib, availabilityZone, instanceType,
        privilegedAllowed, stopTimeout, pauseImage, capacityProvider, endpoints, settings);
  }

  /** {@code "http://a:8080,http://b:8080"} as URLs (at least one). */
  public static List<URI> parseEndpoints(String commaSeparated) {
    List<URI> out = new java.util.ArrayList<>();
    for (String e : commaSeparated.split(",")) {
      if (!e.isBlank()) {
        out.add(URI.create(e.strip()));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no control-plane endpoint given: " + commaSeparated);
    }
    return out;
  }

  public static AgentConfig defaults(URI endpoint, String cluster, Path dataDir) {
    return new AgentConfig(endpoint, cluster, "us-east-1", dataDir, 256, "us-east-1a", "gantry.local", false,
        Duration.ofSeconds(30));
  }
}
