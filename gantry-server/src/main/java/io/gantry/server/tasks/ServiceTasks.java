package io.gantry.server.tasks;

import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.api.ecs.task.PlacementConstraint;
import io.gantry.api.ecs.task.PlacementStrategy;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.EcsException;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskStopCode;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.scheduler.Strategy;
import io.gantry.server.network.AwsVpcRequest;
import io.gantry.server.network.SubnetCatalog;
import io.gantry.server.network.TaskNetworking;
import io.gantry.server.placement.ManagedCapacity;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.placement.TaskDemand;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What the service scheduler needs of tasks: launching a deployment's tasks through the same
 * path as RunTask (scheduler on the ledger's snapshot, plan applier, one store commit), stopping
 * them with the ServiceSchedulerInitiated stop code, reading them, and the launch rules that
 * CreateService and UpdateService check up front. Thread-safe; holds no mutable state.
 */
public final class ServiceTasks {
  private final TaskLauncher launcher;
  private final TaskStopper stopper;
  private final TaskRecords records;
  private final TaskNetworking networking;

  public ServiceTasks(EntityStore store, TagStore tags, PlacementState placement, RandomGenerator random) {
    this(store, tags, placement, random, new TaskNetworking(store, placement, SubnetCatalog.defaults()));
  }

  /** With the server's task networking, shared with RunTask (one address allocator per server). */
  public ServiceTasks(EntityStore store, TagStore tags, PlacementState placement, RandomGenerator random,
      TaskNetworking networking) {
    this.networking = networking;
    this.launcher = new TaskLauncher(store, tags, placement, random, networking);
    this.stopper = new TaskStopper(store);
    this.records = new TaskRecords(store);
  }

  /**
   * What a service's tasks are launched with: group {@code service:NAME}, started by the
   * deployment id, the service's placement (strategies default to {@link Strategy#SERVICE_DEFAULT}).
   */
  public record Launch(Scope scope, String cluster, String serviceName, String deploymentId, TaskDefinition taskDefinition,
      String launchType, boolean enableExecuteCommand, List<Tag> tags, List<PlacementConstraint> constraints,
      List<PlacementStrategy> strategies, Fargate fargate) {
    public Launch {
      tags = List.copyOf(tags);
      constraints = constraints == null ? List.of() : List.copyOf(constraints);
      strategies = strategies == null ? List.of() : List.copyOf(strategies);
    }

    /** A launch on container instances (EC2, EXTERNAL). */
    public Launch(Scope scope, String cluster, String serviceName, String deploymentId, TaskDefinition taskDefinition,
        String launchType, boolean enableExecuteCommand, List<Tag> tags, List<PlacementConstraint> constraints,
        List<PlacementStrategy> strategies) {
      this(scope, cluster, serviceName, deploymentId, taskDefinition, launchType, enableExecuteCommand, tags,
          constraints, strategies, null);
    }
  }

  /**
   * A service's tasks on managed capacity: the capacity provider they show (FARGATE or
   * FARGATE_SPOT), the platform version as resolved, and the service's network configuration.
   */
  public record Fargate(String capacityProviderName, String platformVersion, NetworkConfiguration network) {}

  /**
   * CreateService's launch checks: the launch type (FARGATE too, and a one-item FARGATE or
   * FARGATE_SPOT strategy associated with the cluster) and, for managed capacity, ECS's FARGATE
   * rules; null for a service on container instances (whose checks are {@link #launchType},
   * {@link #supported} and {@link #checkPlacement}).
   */
  public static Fargate fargate(String launchType, List<io.gantry.model.cluster.CapacityProviderStrategyItem> strategy,
      List<String> clusterProviders, TaskDefinition td, String platformVersion, NetworkConfiguration network,
      List<PlacementConstraint> constraints, List<PlacementStrategy> strategies) {
    String provider = strategy == null || strategy.isEmpty() ? null
        : FargateProviders.single(launchType, strategy, clusterProviders);
    if (provider == null && !"FARGATE".equals(launchType)) {
      return null;
    }
    LaunchRules.launchType("FARGATE", false, td);
    FargateLaunch f = FargateLaunchRules.check(td, provider != null ? provider : "FARGATE", platformVersion, null,
        network, strategies, constraints);
    return new Fargate(f.capacityProviderName(), f.platformVersion(), network);
  }

  /** The tasks a launch stored and, when some did not fit, the instances' reasons (closest misses first). */
  public record Launched(List<Task> tasks, List<Failure> failures) {
    public Launched {
      tasks = List.copyOf(tasks);
      failures = List.copyOf(failures);
    }
  }

  /** Places and stores {@code count} tasks of {@code launch}; no instances at all is one failure with ECS's words. */
  public Launched launch(Launch launch, int count, Instant now) {
    return launch(launch, null, count, now);
  }

  /**
   * As {@link #launch(Launch, int, Instant)}, for a service with a network configuration (awsvpc):
   * checked again against the subnets as they are now, each task leasing an address in its commit.
   */
  public Launched launch(Launch launch, NetworkConfiguration network, int count, Instant now) {
    TaskDefinition td = launch.taskDefinition();
    Fargate f = launch.fargate();
    FargateLaunch fargate = f == null ? null : new FargateLaunch(f.capacityProviderName(), f.platformVersion(),
        FargateLaunchRules.PLATFORM_FAMILY, f.network());
    LaunchSpec.PlacementRules rules = fargate == null ? placement(launch.constraints(), launch.strategies(), td)
        : new LaunchSpec.PlacementRules(FargateLaunchRules.STRATEGIES, List.of(), FargateLaunchRules.required(td));
    // A FARGATE service's tasks take their address from a subnet of the managed nodes' zones.
    AwsVpcRequest vpc = fargate != null
        ? networking.check(launch.scope(), ManagedCapacity.CLUSTER, td, f.network(), "FARGATE")
        : networking.check(launch.scope(), launch.cluster(), td, network, launch.launchType());
    LaunchSpec spec = new LaunchSpec(launch.scope(), launch.cluster(), td, LaunchRules.overrides(null, td),
        group(launch.serviceName()), launch.deploymentId(), fargate != null ? "FARGATE" : launch.launchType(),
        launch.enableExecuteCommand(), launch.tags(), null, launch.constraints(), launch.strategies(), rules, null,
        null, TaskDemand.staticHostPorts(td), vpc, fargate);
    try {
      TasksResponse out = launcher.run(spec, count, now);
      return new Launched(out.tasks(), out.failures());
    } catch (EcsException e) {
      if (TaskLauncher.NO_INSTANCES.equals(e.getMessage()) || TaskLauncher.NO_MANAGED_CAPACITY.equals(e.getMessage())) {
        return new Launched(List.of(), List.of(new Failure(null, e.getMessage(), null)));
      }
      throw e;
    }
  }

  /** Wants task {@code id} STOPPED by the service scheduler; {@code atOnce} when no agent will report it (lost). */
  public Optional<Task> stop(Scope scope, String cluster, String id, String reason, boolean atOnce, Instant now) {
    return stopper.stop(scope, cluster, id, TaskStopCode.SERVICE_SCHEDULER_INITIATED, reason, atOnce, now);
  }

  /** Every stored task of {@code cluster} (stopped ones until they are cleaned up). */
  public List<StoredTask> all(Scope scope, String cluster) {
    return records.all(scope, cluster).stream().map(Versioned::value).toList();
  }

  /** The task group of a service's tasks. */
  public static String group(String serviceName) {
    return "service:" + serviceName;
  }

  /** Checks a service's placement against {@code td} as a launch would (limits, expressions); ECS errors. */
  public static void checkPlacement(List<PlacementConstraint> constraints, List<PlacementStrategy> strategies,
      TaskDefinition td) {
    placement(constraints, strategies, td);
  }

  /** The launch type a service's tasks get: EC2 unless EXTERNAL is asked for; others are refused. */
  public static String launchType(String launchType, boolean capacityProviderStrategy, TaskDefinition td) {
    return LaunchRules.launchType(launchType, capacityProviderStrategy, td);
  }

  /** Refuses what Gantry cannot run yet: awsvpc task definitions, network configuration, volumes at launch. */
  public static void supported(TaskDefinition td, NetworkConfiguration network, List<?> volumeConfigurations) {
    LaunchRules.supported(td, network, volumeConfigurations);
  }

  /**
   * A service's network configuration checked as RunTask checks it (required for an awsvpc task
   * definition, refused otherwise, subnets that exist); without {@code networking} awsvpc
   * services are refused.
   */
  public static void checkNetwork(TaskNetworking networking, Scope scope, String cluster, TaskDefinition td,
      NetworkConfiguration network, String launchType) {
    if (networking == null) {
      supported(td, network, null);
    } else {
      networking.check(scope, cluster, td, network, launchType);
    }
  }

  /** {@code propagateTags} checked, NONE when absent. */
  public static String propagateTags(String value) {
    return LaunchRules.propagateTags(value);
  }

  private static LaunchSpec.PlacementRules placement(List<PlacementConstraint> constraints,
      List<PlacementStrategy> strategies, TaskDefinition td) {
    List<Strategy> parsed = strategies == null || strategies.isEmpty() ? Strategy.SERVICE_DEFAULT
        : LaunchRules.strategies(strategies);
    return new LaunchSpec.PlacementRules(parsed, LaunchRules.constraints(constraints, td),
        LaunchRules.requiredAttributes(td));
  }
}
