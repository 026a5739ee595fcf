package io.gantry.cli;

import io.gantry.agent.session.AgentConfig;
import io.gantry.agent.session.GpuDiscovery;
import io.gantry.agent.session.GpuSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import io.gantry.server.placement.ManagedCapacity;
import picocli.CommandLine.Option;

/** The node-agent flags of {@code gantry agent} (environment variables in brackets). */
final class AgentOptions {
  @Option(names = "--endpoint", description = "Control plane URL (GANTRY_ENDPOINT), e.g. http://10.0.0.5:8080; several replicas comma-separated.")
  String endpoint;

  @Option(names = "--cluster", description = "Cluster to join (GANTRY_CLUSTER; default: default).")
  String cluster;

  @Option(names = "--agent-data-dir", description = "Agent state (GANTRY_AGENT_DATA_DIR; default ./.gantry/agent).")
  String dataDir;

  @Option(names = "--region", description = "Region to sign for (AWS_REGION; default us-east-1).")
  String region;

  @Option(names = "--reserved-memory", description = "MiB kept back from tasks (GANTRY_RESERVED_MEMORY; default 256).")
  Long reservedMemory;

  @Option(names = "--availability-zone", description = "ecs.availability-zone attribute (GANTRY_AVAILABILITY_ZONE).")
  String availabilityZone;

  @Option(names = "--instance-type", description = "ecs.instance-type attribute (GANTRY_INSTANCE_TYPE; default gantry.local).")
  String instanceType;

  @Option(names = "--fargate", description = "Offer this machine as managed capacity for FARGATE tasks of every "
      + "cluster (GANTRY_FARGATE=true); it joins the reserved cluster " + ManagedCapacity.CLUSTER
      + " instead of --cluster.")
  boolean fargate;

  @Option(names = "--pause-image", description = "Image of awsvpc tasks' pause containers (GANTRY_PAUSE_IMAGE; default gantry/pause:latest).")
  String pauseImage;

  @Option(names = "--allow-privileged", description = "Let tasks run privileged containers (GANTRY_ALLOW_PRIVILEGED=true).")
  boolean allowPrivileged;

  @Option(names = "--capacity-provider", description = "Capacity provider this machine joins (GANTRY_CAPACITY_PROVIDER); "
      + "create it first with aws ecs create-capacity-provider.")
  String capacityProvider;

  @Option(names = "--gpus", description = "GPUs to offer (GANTRY_GPUS): auto (default: the UUIDs nvidia-smi lists, "
      + "none without it), none, or ids comma-separated.")
  String gpus;

  @Option(names = "--nvidia-runtime", description = "OCI runtime for GPU containers, e.g. nvidia (GANTRY_NVIDIA_RUNTIME; "
      + "default: Docker device requests through the nvidia driver).")
  String nvidiaRuntime;

  AgentConfig resolve(Map<String, String> env, URI defaultEndpoint, Path defaultDataDir) {
    return resolve(env, defaultEndpoint, defaultDataDir, null);
  }

  /**
   * The configuration; {@code boundRegion}, when not null, is the region the agent's issued
   * credentials are bound to and wins over {@code --region}.
   */
  AgentConfig resolve(Map<String, String> env, URI defaultEndpoint, Path defaultDataDir, String boundRegion) {
    java.util.List<URI> urls = AgentConfig.parseEndpoints(pick(endpoint, env.get("GANTRY_ENDPOINT"),
        defaultEndpoint == null ? null : defaultEndpoint.toString()));
    URI url = urls.get(0);
    String reg = boundRegion != null ? boundRegion : pick(region, env.get("AWS_REGION"), "us-east-1");
    boolean managed = fargate || "true".equalsIgnoreCase(env.get("GANTRY_FARGATE"));
    if (managed && cluster != null && !cluster.isBlank() && !ManagedCapacity.isManaged(cluster)) {
      throw new IllegalArgumentException("--fargate offers managed capacity to every cluster; do not give --cluster");
    }
    AgentConfig base = AgentConfig.defaults(url, managed ? ManagedCapacity.CLUSTER
        : pick(cluster, env.get("GANTRY_CLUSTER"), "default"),
        Path.of(pick(dataDir, env.get("GANTRY_AGENT_DATA_DIR"), defaultDataDir.toString())));
    long memory = reservedMemory != null ? reservedMemory
        : env.containsKey("GANTRY_RESERVED_MEMORY") ? Long.parseLong(env.get("GANTRY_RESERVED_MEMORY")) : base.reservedMemoryMib();
    return new AgentConfig(base.endpoint(), base.cluster(), reg, base.dataDir(), memory,
        pick(availabilityZone, env.get("GANTRY_AVAILABILITY_ZONE"), reg + "a"),
        pick(instanceType, env.get("GANTRY_INSTANCE_TYPE"), base.instanceType()),
        allowPrivileged || "true".equalsIgnoreCase(env.get("GANTRY_ALLOW_PRIVILEGED")),
        Duration.ofSeconds(30), pick(pauseImage, env.get("GANTRY_PAUSE_IMAGE"), "gantry/pause:latest"),
        capacityProvider != null && !capacityProvider.isBlank() ? capacityProvider
            : env.get("GANTRY_CAPACITY_PROVIDER") == null || env.get("GANTRY_CAPACITY_PROVIDER").isBlank() ? null
            : env.get("GANTRY_CAPACITY_PROVIDER"),
        urls, managed ? GpuSettings.NONE : gpuSettings(env)); // Fargate offers no GPUs
  }

  private GpuSettings gpuSettings(Map<String, String> env) {
    String runtime = nvidiaRuntime != null && !nvidiaRuntime.isBlank() ? nvidiaRuntime : env.get("GANTRY_NVIDIA_RUNTIME");
    String value = gpus != null && !gpus.isBlank() ? gpus : env.get("GANTRY_GPUS");
    return GpuSettings.parse(value, runtime, () -> GpuDiscovery.detect(env.get("PATH")));
  }

  private static String pick(String flag, String envValue, String fallback) {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    if (envValue != null && !envValue.isBlank()) {
      return envValue;
    }
    if (fallback == null) {
      throw new IllegalArgumentException("--endpoint (or GANTRY_ENDPOINT) is required");
    }
    return fallback;
  }
}
