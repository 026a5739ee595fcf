package io.gantry.agent.runtime;

import io.gantry.model.KeyValuePair;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.HealthCheck;
import io.gantry.model.taskdef.KernelCapabilities;
import io.gantry.model.taskdef.LinuxParameters;
import io.gantry.model.taskdef.SystemControl;
import io.gantry.model.taskdef.Ulimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Translates an ECS container definition, with its task's context and the call's overrides, into
 * the {@link ContainerSpec} a runtime creates, the way the ECS agent does (CPU units become CPU
 * shares of at least 2, MiB become bytes, the ECS agent's labels and container names). Pure:
 * randomness (the name suffix) is passed in.
 */
public final class ContainerSpecs {
  static final String CREATE_ERROR = "CannotCreateContainerError: ";
  private static final long MIB = 1024L * 1024L;
  private static final int HEALTH_INTERVAL = 30;
  private static final int HEALTH_TIMEOUT = 5;
  private static final int HEALTH_RETRIES = 3;

  private ContainerSpecs() {}

  /** The spec for {@code def}, or why this agent refuses to run it. */
  public static SpecResult from(
      TaskContext task, ContainerDefinition def, SpecOverrides overrides, RandomGenerator random) {
    try {
      return new SpecResult.Ok(translate(task, def, overrides, random));
    } catch (SpecRefusal refusal) {
      return new SpecResult.Refused(CREATE_ERROR + refusal.getMessage());
    }
  }

  /** The Docker volumes the task needs created (or found) before its containers: see {@link StorageSpecs}. */
  public static List<VolumeSpec> taskVolumes(TaskContext task) {
    return StorageSpecs.taskVolumes(task);
  }

  private static ContainerSpec translate(
      TaskContext task, ContainerDefinition def, SpecOverrides overrides, RandomGenerator random) {
    if (def.name() == null || def.name().isBlank()) {
      throw new SpecRefusal("container definition has no name");
    }
    if (def.image() == null || def.image().isBlank()) {
      throw new SpecRefusal("container " + def.name() + " has no image");
    }
    if (Boolean.TRUE.equals(def.privileged()) && !task.policy().privilegedAllowed()) {
      throw new SpecRefusal("container " + def.name()
          + " asks for privileged mode, which this container instance does not allow");
    }
    SpecOverrides o = overrides == null ? SpecOverrides.NONE : overrides;
    Duration stopTimeout = def.stopTimeout() == null
        ? task.policy().defaultStopTimeout()
        : Duration.ofSeconds(def.stopTimeout());
    return new ContainerSpec(
        containerName(task.family(), task.revision(), def.name(), random),
        def.image(),
        labels(task, def),
        process(task, def, o),
        resources(task, def, o),
        NetworkSpecs.from(task, def),
        security(def),
        StorageSpecs.from(task, def),
        healthCheck(def.healthCheck()),
        stopTimeout);
  }

  /**
   * A runtime name like the ECS agent's, {@code ecs-<family>-<revision>-<container>-<20 hex>},
   * with characters Docker does not allow in names removed.
   */
  public static String containerName(
      String family, int revision, String container, RandomGenerator random) {
    StringBuilder suffix = new StringBuilder(20);
    for (int i = 0; i < 10; i++) {
      suffix.append(String.format("%02x", random.nextInt(256)));
    }
    return sanitize("ecs-" + family + "-" + revision + "-" + container + "-" + suffix);
  }

  /** Docker names and volume names allow {@code [a-zA-Z0-9_.-]}. */
  static String sanitize(String name) {
    return name.replaceAll("[^a-zA-Z0-9_.-]", "");
  }

  /** The definition's {@code dockerLabels}, then Gantry's and the ECS agent's labels (which win). */
  public static Map<String, String> labels(TaskContext task, ContainerDefinition def) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (def.dockerLabels() != null) {
      labels.putAll(def.dockerLabels());
    }
    labels.put(ContainerLabels.TASK_ARN, task.taskArn());
    labels.put(ContainerLabels.CONTAINER_NAME, def.name());
    labels.put(ContainerLabels.CLUSTER, task.cluster());
    labels.put(ContainerLabels.ECS_TASK_ARN, task.taskArn());
    labels.put(ContainerLabels.ECS_CONTAINER_NAME, def.name());
    labels.put(ContainerLabels.ECS_CLUSTER, task.cluster());
    labels.put(ContainerLabels.ECS_FAMILY, task.family());
    labels.put(ContainerLabels.ECS_VERSION, Integer.toString(task.revision()));
    return labels;
  }

  private static ProcessSpec process(TaskContext task, ContainerDefinition def, SpecOverrides o) {
    Map<String, String> env = new LinkedHashMap<>();
    putAll(env, def.environment());
    putAll(env, o.environment());
    List<String> gpus = task.gpuIdsOf(def.name());
    if (!gpus.isEmpty()) {
      env.put(GpuSpec.VISIBLE_DEVICES, String.join(",", gpus)); // the assignment wins over the user's value
    }
    LinuxParameters linux = def.linuxParameters();
    boolean init = linux != null && Boolean.TRUE.equals(linux.initProcessEnabled());
    return new ProcessSpec(
        def.entryPoint(),
        o.command() != null ? o.command() : def.command(),
        env,
        def.workingDirectory(),
        def.user(),
        init,
        Boolean.TRUE.equals(def.interactive()),
        Boolean.TRUE.equals(def.pseudoTerminal()));
  }

  private static void putAll(Map<String, String> env, List<KeyValuePair> pairs) {
    if (pairs == null) {
      return;
    }
    for (KeyValuePair pair : pairs) {
      if (pair != null && pair.name() != null) {
        env.put(pair.name(), pair.value() == null ? "" : pair.value());
      }
    }
  }

  /**
   * ECS CPU units are passed to Docker as CPU shares; absent, 0 and 1 become 2, the kernel's
   * minimum (Docker would turn 0 into 1024), as the ECS agent does.
   */
  static int cpuShares(Integer cpu) {
    return cpu == null || cpu < ResourceSpec.MIN_CPU_SHARES ? ResourceSpec.MIN_CPU_SHARES : cpu;
  }

  private static ResourceSpec resources(TaskContext task, ContainerDefinition def, SpecOverrides o) {
    Integer cpu = o.cpu() != null ? o.cpu() : def.cpu();
    Integer memory = o.memory() != null ? o.memory() : def.memory();
    Integer reservation = o.memoryReservation() != null ? o.memoryReservation() : def.memoryReservation();
    Long memoryBytes = mib(memory);
    Long swapBytes = null;
    Integer swappiness = null;
    LinuxParameters linux = def.linuxParameters();
    if (linux != null && linux.maxSwap() != null && memoryBytes != null) {
      // ECS: maxSwap MiB of swap on top of the hard limit (0: no swap); swappiness defaults to 60.
      swapBytes = memoryBytes + linux.maxSwap() * MIB;
      swappiness = linux.swappiness() == null ? 60 : linux.swappiness();
    }
    Long shm = linux == null ? null : mib(linux.sharedMemorySize());
    List<ResourceSpec.Ulimit> ulimits = new ArrayList<>();
    for (Ulimit u : Copies.list(def.ulimits())) {
      if (u.name() == null || u.softLimit() == null || u.hardLimit() == null) {
        throw new SpecRefusal("ulimit of container " + def.name()
            + " needs a name, softLimit and hardLimit");
      }
      ulimits.add(new ResourceSpec.Ulimit(u.name(), u.softLimit(), u.hardLimit()));
    }
    List<String> gpuIds = task.gpuIdsOf(def.name());
    GpuSpec gpus = gpuIds.isEmpty() ? null : new GpuSpec(gpuIds, task.policy().nvidiaRuntime());
    return new ResourceSpec(cpuShares(cpu), memoryBytes, mib(reservation), swapBytes, swappiness,
        shm, ulimits, null, gpus);
  }

  private static Long mib(Integer value) {
    return value == null ? null : value * MIB;
  }

  private static SecuritySpec security(ContainerDefinition def) {
    LinuxParameters linux = def.linuxParameters();
    KernelCapabilities caps = linux == null ? null : linux.capabilities();
    List<SecuritySpec.Device> devices = new ArrayList<>();
    if (linux != null) {
      for (var d : Copies.list(linux.devices())) {
        if (d.hostPath() == null) {
          throw new SpecRefusal("device of container " + def.name() + " has no hostPath");
        }
        devices.add(new SecuritySpec.Device(d.hostPath(),
            d.containerPath() == null ? d.hostPath() : d.containerPath(),
            devicePermissions(d.permissions())));
      }
    }
    Map<String, String> sysctls = new LinkedHashMap<>();
    for (SystemControl sc : Copies.list(def.systemControls())) {
      if (sc.namespace() != null) {
        sysctls.put(sc.namespace(), sc.value() == null ? "" : sc.value());
      }
    }
    return new SecuritySpec(
        Boolean.TRUE.equals(def.privileged()),
        Boolean.TRUE.equals(def.readonlyRootFilesystem()),
        caps == null ? List.of() : capabilityNames(caps.add()),
        caps == null ? List.of() : capabilityNames(caps.drop()),
        devices,
        def.dockerSecurityOptions(),
        sysctls);
  }

  private static List<String> capabilityNames(List<String> names) {
    List<String> out = new ArrayList<>();
    for (String name : Copies.list(names)) {
      String upper = name.toUpperCase(java.util.Locale.ROOT);
      out.add(upper.startsWith("CAP_") ? upper.substring(4) : upper);
    }
    return out;
  }

  /** ECS {@code read/write/mknod} to cgroup letters; none given means all ({@code rwm}). */
  static String devicePermissions(List<String> permissions) {
    if (permissions == null || permissions.isEmpty()) {
      return "rwm";
    }
    StringBuilder letters = new StringBuilder();
    if (permissions.contains("read")) {
      letters.append('r');
    }
    if (permissions.contains("write")) {
      letters.append('w');
    }
    if (permissions.contains("mknod")) {
      letters.append('m');
    }
    return letters.toString();
  }

  /**
   * ECS health check to the runtime's: the command is the test as given ({@code CMD} or
   * {@code CMD-SHELL} first); interval 30 s, timeout 5 s, retries 3 and no start period unless set.
   */
  static HealthCheckSpec healthCheck(HealthCheck hc) {
    if (hc == null) {
      return null;
    }
    List<String> test = Copies.list(hc.command());
    if (test.isEmpty() || !List.of("CMD", "CMD-SHELL", "NONE").contains(test.get(0))) {
      throw new SpecRefusal("health check command must start with CMD or CMD-SHELL: " + test);
    }
    return new HealthCheckSpec(
        test,
        Duration.ofSeconds(hc.interval() == null ? HEALTH_INTERVAL : hc.interval()),
        Duration.ofSeconds(hc.timeout() == null ? HEALTH_TIMEOUT : hc.timeout()),
        hc.retries() == null ? HEALTH_RETRIES : hc.retries(),
        Duration.ofSeconds(hc.startPeriod() == null ? 0 : hc.startPeriod()));
  }
}
