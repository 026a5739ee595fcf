package io.gantry.model.taskdef;

import static io.gantry.model.taskdef.TaskDefinitionEnums.checkValue;

import io.gantry.model.EcsException;
import io.gantry.model.KeyValuePair;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The task-level rules of RegisterTaskDefinition: family, number of containers, enum members,
 * task size, ephemeral storage, placement constraints, runtime platform, proxy configuration and
 * inference accelerators. Pure.
 */
final class TaskLevelRules {
  /** The most ephemeral storage ECS gives a Fargate task, in GiB. */
  static final int MAX_EPHEMERAL_GIB = 200;

  static final int MAX_CONTAINERS = 10;
  static final int MAX_PLACEMENT_CONSTRAINTS = 10;
  static final int MIN_TASK_CPU = 128;
  static final int MAX_TASK_CPU = 196_608;
  static final int MIN_MEMORY_MIB = 6;

  private TaskLevelRules() {}

  /** Checks the task-level members of {@code td} and returns its parsed task size. */
  static TaskSize check(TaskDefinition td) {
    return check(td, MAX_EPHEMERAL_GIB);
  }

  /** As {@link #check(TaskDefinition)}, with ephemeral storage allowed up to {@code maxEphemeralGiB} (a server setting; ECS: 200). */
  static TaskSize check(TaskDefinition td, int maxEphemeralGiB) {
    Names.checkName(td.family(), "Family");
    List<ContainerDefinition> containers = td.containerDefinitions();
    if (Names.isEmpty(containers)) {
      throw EcsException.client("Container list cannot be empty.");
    }
    if (containers.size() > MAX_CONTAINERS) {
      throw EcsException.client("Too many containers.");
    }
    Names.noNullElements(containers, "containerDefinitions");
    Names.noNullElements(td.requiresCompatibilities(), "requiresCompatibilities");
    if (td.requiresCompatibilities() != null) {
      td.requiresCompatibilities()
          .forEach(c -> checkValue(c, TaskDefinitionEnums.COMPATIBILITY, "requiresCompatibilities"));
    }
    checkValue(td.networkMode(), TaskDefinitionEnums.NETWORK_MODE, "networkMode");
    checkValue(td.pidMode(), TaskDefinitionEnums.PID_MODE, "pidMode");
    checkValue(td.ipcMode(), TaskDefinitionEnums.IPC_MODE, "ipcMode");
    TaskSize size = TaskSize.parse(td.cpu(), td.memory());
    if (size.cpu() != null && (size.cpu() < MIN_TASK_CPU || size.cpu() > MAX_TASK_CPU)) {
      throw EcsException.client("Invalid 'cpu' setting for task.");
    }
    if (size.memory() != null && size.memory() < MIN_MEMORY_MIB) {
      throw EcsException.client("Invalid 'memory' setting for task.");
    }
    ephemeralStorage(td.ephemeralStorage(), maxEphemeralGiB);
    placementConstraints(td.placementConstraints());
    runtimePlatform(td.runtimePlatform());
    proxyConfiguration(td.proxyConfiguration());
    inferenceAccelerators(td.inferenceAccelerators());
    return size;
  }

  private static void ephemeralStorage(EphemeralStorage storage, int maxGiB) {
    if (storage == null) {
      return;
    }
    Names.required(storage.sizeInGiB(), "EphemeralStorage.sizeInGiB");
    if (storage.sizeInGiB() < 21 || storage.sizeInGiB() > maxGiB) {
      throw EcsException.client("The ephemeral storage size must be between 21 and " + maxGiB + " GiB.");
    }
  }

  private static void placementConstraints(List<TaskDefinitionPlacementConstraint> constraints) {
    if (constraints == null) {
      return;
    }
    Names.noNullElements(constraints, "placementConstraints");
    if (constraints.size() > MAX_PLACEMENT_CONSTRAINTS) {
      throw EcsException.client("A task definition can have at most 10 placement constraints.");
    }
    for (TaskDefinitionPlacementConstraint c : constraints) {
      checkValue(c.type(), TaskDefinitionEnums.PLACEMENT_CONSTRAINT_TYPE, "placementConstraints.type");
      if ("memberOf".equals(c.type()) && (c.expression() == null || c.expression().isBlank())) {
        throw EcsException.client("A memberOf placement constraint requires an expression.");
      }
    }
  }

  private static void runtimePlatform(RuntimePlatform platform) {
    if (platform != null) {
      checkValue(platform.cpuArchitecture(), TaskDefinitionEnums.CPU_ARCHITECTURE, "runtimePlatform.cpuArchitecture");
      checkValue(platform.operatingSystemFamily(), TaskDefinitionEnums.OS_FAMILY,
          "runtimePlatform.operatingSystemFamily");
    }
  }

  private static void proxyConfiguration(ProxyConfiguration proxy) {
    if (proxy == null) {
      return;
    }
    Names.required(proxy.containerName(), "ProxyConfiguration.containerName");
    checkValue(proxy.type(), TaskDefinitionEnums.PROXY_TYPE, "proxyConfiguration.type");
    Names.noNullElements(proxy.properties(), "proxyConfiguration.properties");
    if (proxy.properties() != null) {
      for (KeyValuePair p : proxy.properties()) {
        Names.required(p.name(), "ProxyConfiguration.properties.name");
      }
    }
  }

  private static void inferenceAccelerators(List<InferenceAccelerator> accelerators) {
    if (accelerators == null) {
      return;
    }
    Names.noNullElements(accelerators, "inferenceAccelerators");
    Set<String> names = new HashSet<>();
    for (InferenceAccelerator a : accelerators) {
      Names.required(a.deviceName(), "InferenceAccelerator.deviceName");
      Names.required(a.deviceType(), "InferenceAccelerator.deviceType");
      if (!names.add(a.deviceName())) {
        throw EcsException.client("Inference accelerator device names must be unique: '" + a.deviceName() + "'.");
      }
    }
  }
}
