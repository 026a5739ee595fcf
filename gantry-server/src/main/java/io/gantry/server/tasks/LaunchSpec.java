package io.gantry.server.tasks;

import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.api.ecs.task.PlacementConstraint;
import io.gantry.api.ecs.task.PlacementStrategy;
import io.gantry.api.agent.TaskNetwork;
import io.gantry.model.Arn;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Container;
import io.gantry.model.task.ContainerOverride;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskOverride;
import io.gantry.model.task.TaskStatus;
import io.gantry.model.taskdef.Attribute;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.scheduler.Constraint;
import io.gantry.scheduler.RequiredAttribute;
import io.gantry.scheduler.Strategy;
import io.gantry.server.network.AwsVpcRequest;
import io.gantry.server.network.TaskAttachments;
import io.gantry.server.placement.TaskDemand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A validated RunTask or StartTask: the definition to run with its overrides, and everything the
 * new tasks carry. Builds the task records for the instances they are placed on. Immutable;
 * thread-safe.
 *
 * @param overrides the overrides as the task shows them (one entry per container)
 * @param placement the parsed strategies, constraints and required attributes placement applies
 * @param hostPorts the static host ports each task reserves, by {@link TaskDemand#portKey}
 * @param network the subnets an awsvpc task may get its address from (null for other network
 *     modes): every launch of an awsvpc task definition, whatever its launch type, leases one
 *     address per task in the commit that stores it
 * @param capacityProviderStrategy the strategy the tasks are split over (empty: by {@code launchType})
 * @param fargate what a launch on managed capacity carries; null for EC2 and EXTERNAL
 * @param fargateInputs what the FARGATE / FARGATE_SPOT parts of a capacity-provider split are checked
 *     and launched with (the call's platform version and network configuration); null without a split
 */
record LaunchSpec(
    Scope scope,
    String cluster,
    TaskDefinition taskDefinition,
    TaskOverride overrides,
    String group,
    String startedBy,
    String launchType,
    boolean enableExecuteCommand,
    List<Tag> tags,
    String referenceId,
    List<PlacementConstraint> placementConstraints,
    List<PlacementStrategy> placementStrategy,
    PlacementRules placement,
    String clientToken,
    String requestFingerprint,
    Map<String, Integer> hostPorts,
    AwsVpcRequest network,
    List<CapacityProviderStrategyItem> capacityProviderStrategy,
    FargateLaunch fargate,
    FargateInputs fargateInputs) {

  LaunchSpec {
    capacityProviderStrategy = capacityProviderStrategy == null ? List.of() : List.copyOf(capacityProviderStrategy);
    tags = List.copyOf(tags);
    placementConstraints = placementConstraints == null ? List.of() : List.copyOf(placementConstraints);
    placementStrategy = placementStrategy == null ? List.of() : List.copyOf(placementStrategy);
    hostPorts = Map.copyOf(hostPorts);
  }

  /** A launch of a task definition that is not awsvpc (no task network). */
  LaunchSpec(Scope scope, String cluster, TaskDefinition taskDefinition, TaskOverride overrides, String group,
      String startedBy, String launchType, boolean enableExecuteCommand, List<Tag> tags, String referenceId,
      List<PlacementConstraint> placementConstraints, List<PlacementStrategy> placementStrategy,
      PlacementRules placement, String clientToken, String requestFingerprint, Map<String, Integer> hostPorts) {
    this(scope, cluster, taskDefinition, overrides, group, startedBy, launchType, enableExecuteCommand, tags,
        referenceId, placementConstraints, placementStrategy, placement, clientToken, requestFingerprint, hostPorts,
        null, List.of(), null, null);
  }

  /** The call's platform version and network configuration, for a split's FARGATE / FARGATE_SPOT parts. */
  record FargateInputs(String platformVersion, NetworkConfiguration networkConfiguration) {}

  /** How a launch's tasks are placed: strategies in order, constraints, the task definition's required attributes. */
  record PlacementRules(List<Strategy> strategies, List<Constraint> constraints, List<RequiredAttribute> required) {
    static final PlacementRules NONE = new PlacementRules(List.of(), List.of(), List.of());

    PlacementRules {
      strategies = List.copyOf(strategies);
      constraints = List.copyOf(constraints);
      required = List.copyOf(required);
    }
  }

  /**
   * This launch moved to managed capacity as {@code f} says (launch type FARGATE, Fargate's
   * placement: spread over zones then nodes, the definition's CPU architecture required): the
   * entry for one FARGATE or FARGATE_SPOT part of a capacity-provider split (no strategy left: the
   * part's tasks show {@code f}'s provider). {@code vpc} is the
   * network configuration checked against the managed nodes' subnets ({@code
   * TaskNetworking.check(scope, ManagedCapacity.CLUSTER, …)}).
   */
  LaunchSpec withFargate(FargateLaunch f, AwsVpcRequest vpc) {
    PlacementRules rules = new PlacementRules(FargateLaunchRules.STRATEGIES, List.of(),
        FargateLaunchRules.required(taskDefinition));
    return new LaunchSpec(scope, cluster, taskDefinition, overrides, group, startedBy, "FARGATE", enableExecuteCommand,
        tags, referenceId, placementConstraints, placementStrategy, rules, clientToken, requestFingerprint, hostPorts,
        vpc, List.of(), f, null);
  }

  /** This launch without its client token (one part of a split whose token the split records itself). */
  LaunchSpec withoutClientToken() {
    return new LaunchSpec(scope, cluster, taskDefinition, overrides, group, startedBy, launchType, enableExecuteCommand,
        tags, referenceId, placementConstraints, placementStrategy, placement, null, requestFingerprint, hostPorts,
        network, capacityProviderStrategy, fargate, fargateInputs);
  }

  /** What one task of this launch takes from its instance. */
  TaskDemand demand() {
    return TaskDemand.of(newTask("0", null, Instant.EPOCH, new SplittableRandom(0)), hostPorts,
        TaskDemand.gpus(taskDefinition));
  }

  /** The stored form of a new task {@code id} placed on {@code instance} with GPUs {@code gpuIds}. */
  StoredTask stored(String id, ContainerInstance instance, List<String> gpuIds, Instant now, RandomGenerator random) {
    return stored(id, instance, gpuIds, null, now, random);
  }

  /** The stored form of a new task; an awsvpc task with its {@code network} attached (PRECREATED). */
  StoredTask stored(String id, ContainerInstance instance, List<String> gpuIds, TaskNetwork network, Instant now,
      RandomGenerator random) {
    Task task = newTask(id, instance, now, random);
    if (!gpuIds.isEmpty()) {
      task = task.toBuilder().containers(withGpus(task.containers(), gpuIds)).build();
    }
    if (network != null) {
      task = TaskAttachments.attach(task, network);
    }
    if (fargate != null) {
      return new StoredTask(task, null, hostPorts, clientToken, requestFingerprint, referenceId,
          placementConstraints, placementStrategy, gpuIds, network, instance.containerInstanceArn(), List.of());
    }
    return new StoredTask(task, instance.id(), hostPorts, clientToken, requestFingerprint, referenceId,
        placementConstraints, placementStrategy, gpuIds, network, null, List.of());
  }

  /** The task's GPUs handed to its containers in order, each as many as its GPU resource requirement asks. */
  private List<Container> withGpus(List<Container> containers, List<String> gpuIds) {
    List<Container> out = new ArrayList<>();
    int next = 0;
    for (Container c : containers) {
      ContainerDefinition d = taskDefinition.containerDefinitions().stream()
          .filter(def -> def.name().equals(c.name())).findFirst().orElseThrow();
      int wanted = d.resourceRequirements() == null ? 0 : d.resourceRequirements().stream()
          .filter(r -> "GPU".equals(r.type())).mapToInt(r -> Integer.parseInt(r.value().trim())).sum();
      int end = Math.min(gpuIds.size(), next + wanted);
      out.add(wanted == 0 ? c : c.withGpuIds(List.copyOf(gpuIds.subList(next, end))));
      next = end;
    }
    return out;
  }

  /**
   * A new task as ECS shows it right after RunTask placed it on an EC2 instance: known status
   * PENDING, desired RUNNING, version 1, health UNKNOWN, each container PENDING with the
   * resources it was given after overrides.
   */
  Task newTask(String id, ContainerInstance instance, Instant now, RandomGenerator random) {
    String taskArn = Arn.task(scope, cluster, id);
    List<Container> containers = new ArrayList<>();
    for (ContainerDefinition d : taskDefinition.containerDefinitions()) {
      ContainerOverride o = overrides.containerOverrides().stream()
          .filter(c -> c.name().equals(d.name())).findFirst().orElseThrow();
      Integer cpu = o.cpu() != null ? o.cpu() : d.cpu() == null ? 0 : d.cpu();
      Integer memory = o.memory() != null ? o.memory() : d.memory();
      Integer reservation = o.memoryReservation() != null ? o.memoryReservation() : d.memoryReservation();
      String containerArn = Arn.of(scope, "container", cluster + "/" + id + "/" + uuid(random)).toString();
      containers.add(new Container(containerArn, taskArn, d.name(), d.image(), null, null, TaskStatus.PENDING.name(),
          null, null, null, List.of(), HealthStatus.UNKNOWN.name(), null, text(cpu), text(memory), text(reservation),
          null));
    }
    LaunchTarget target = target(instance);
    io.gantry.model.task.TaskBuilder builder = Task.builder()
        .attachments(List.of())
        .capacityProviderName(target.capacityProviderName())
        .attributes(instance == null ? List.of() : architecture(instance))
        .availabilityZone(instance == null ? null : attribute(instance, "ecs.availability-zone"))
        .clusterArn(Arn.cluster(scope, cluster))
        .containerInstanceArn(instance == null ? null : instance.containerInstanceArn())
        .containers(containers)
        .cpu(overrides.cpu() != null ? overrides.cpu() : taskDefinition.cpu())
        .createdAt(now)
        .desiredStatus("RUNNING")
        .enableExecuteCommand(enableExecuteCommand)
        .group(group)
        .healthStatus(HealthStatus.UNKNOWN.name())
        .lastStatus(TaskStatus.PENDING.name())
        .launchType(target.launchType())
        .memory(overrides.memory() != null ? overrides.memory() : taskDefinition.memory())
        .overrides(overrides)
        .startedBy(startedBy)
        .taskArn(taskArn)
        .taskDefinitionArn(taskDefinition.taskDefinitionArn())
        .version(1L);
    if (fargate != null) {
      // As ECS shows a Fargate task: no container instance, PROVISIONING until its node has it.
      builder.containerInstanceArn(null)
          .lastStatus(TaskStatus.PROVISIONING.name())
          .capacityProviderName(fargate.capacityProviderName())
          .platformVersion(fargate.platformVersion())
          .platformFamily(fargate.platformFamily())
          .ephemeralStorage(taskDefinition.ephemeralStorage() != null ? taskDefinition.ephemeralStorage()
              : new io.gantry.model.taskdef.EphemeralStorage(20));
    }
    return builder.build();
  }

  /** Where a task placed on {@code instance} goes: its instance's provider when the launch uses a strategy. */
  LaunchTarget target(ContainerInstance instance) {
    if (capacityProviderStrategy.isEmpty() || instance == null) {
      return new LaunchTarget(null, launchType);
    }
    return LaunchTarget.of(instance.capacityProviderName());
  }

  /** The instance's CPU architecture attribute, which ECS copies onto the task. */
  static List<Attribute> architecture(ContainerInstance instance) {
    String arch = attribute(instance, "ecs.cpu-architecture");
    return arch == null ? List.of() : List.of(new Attribute("ecs.cpu-architecture", arch, null, null));
  }

  static String attribute(ContainerInstance instance, String name) {
    if (instance.attributes() == null) {
      return null;
    }
    return instance.attributes().stream().filter(a -> a.name().equals(name)).map(Attribute::value)
        .findFirst().orElse(null);
  }

  private static String text(Integer value) {
    return value == null ? null : value.toString();
  }

  private static String uuid(RandomGenerator random) {
    String hex = TaskIds.hex(random, 32);
    return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
        + "-" + hex.substring(20);
  }
}
