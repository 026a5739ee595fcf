package io.gantry.server.tasks;

import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.api.ecs.task.PlacementConstraint;
import io.gantry.api.ecs.task.PlacementStrategy;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.EcsException;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.cluster.Cluster;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskStopCode;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.scheduler.Constraint;
import io.gantry.scheduler.Fit;
import io.gantry.scheduler.Strategy;
import io.gantry.scheduler.cluster.Node;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final PlacementState placement;
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
    this.placement = placement;
  }

  /**
   * What a service's tasks are launched with: group {@code service:NAME}, started by the
   * deployment id, the service's placement (strategies default to {@link Strategy#SERVICE_DEFAULT}).
   */
  public record Launch(Scope scope, String cluster, String serviceName, String deploymentId, TaskDefinition taskDefinition,
      String launchType, boolean enableExecuteCommand, List<Tag> tags, List<PlacementConstraint> constraints,
      List<PlacementStrategy> strategies, List<CapacityProviderStrategyItem> capacityProviderStrategy,
      Fargate fargate) {
    public Launch {
      capacityProviderStrategy = capacityProviderStrategy == null ? List.of() : List.copyOf(capacityProviderStrategy);
      tags = List.copyOf(tags);
      constraints = constraints == null ? List.of() : List.copyOf(constraints);
      strategies = strategies == null ? List.of() : List.copyOf(strategies);
    }

    /** A launch on container instances (EC2, EXTERNAL). */
    public Launch(Scope scope, String cluster, String serviceName, String deploymentId, TaskDefinition taskDefinition,
        String launchType, boolean enableExecuteCommand, List<Tag> tags, List<PlacementConstraint> constraints,
        List<PlacementStrategy> strategies) {
      this(scope, cluster, serviceName, deploymentId, taskDefinition, launchType, enableExecuteCommand, tags,
          constraints, strategies, List.of(), null);
    }

    /** A launch split over a capacity-provider strategy of container-instance providers. */
    public Launch(Scope scope, String cluster, String serviceName, String deploymentId, TaskDefinition taskDefinition,
        String launchType, boolean enableExecuteCommand, List<Tag> tags, List<PlacementConstraint> constraints,
        List<PlacementStrategy> strategies, List<CapacityProviderStrategyItem> capacityProviderStrategy) {
      this(scope, cluster, serviceName, deploymentId, taskDefinition, launchType, enableExecuteCommand, tags,
          constraints, strategies, capacityProviderStrategy, null);
    }
  }

  /**
   * A service's tasks on managed capacity: the capacity provider they show (FARGATE for launch
   * type FARGATE; null with a strategy, whose FARGATE / FARGATE_SPOT parts show their own), the
   * platform version as resolved, and the service's network configuration.
   */
  public record Fargate(String capacityProviderName, String platformVersion, NetworkConfiguration network) {}

  /**
   * CreateService's and UpdateService's FARGATE checks: for launch type FARGATE, or each FARGATE /
   * FARGATE_SPOT item of the service's (already checked) capacity-provider strategy, ECS's FARGATE
   * rules; null for a service only on container instances (whose checks are {@link #launchType},
   * {@link #checkNetwork} and {@link #checkPlacement}).
   */
  public static Fargate fargate(String launchType, List<CapacityProviderStrategyItem> strategy, TaskDefinition td,
      String platformVersion, NetworkConfiguration network, List<PlacementConstraint> constraints,
      List<PlacementStrategy> strategies) {
    List<String> providers = "FARGATE".equals(launchType) ? List.of("FARGATE")
        : strategy.stream().map(CapacityProviderStrategyItem::capacityProvider)
            .filter(p -> LaunchTarget.of(p).fargate()).toList();
    if (providers.isEmpty()) {
      return null;
    }
    LaunchRules.launchType("FARGATE", false, td);
    FargateLaunch f = null;
    for (String provider : providers) {
      f = FargateLaunchRules.check(td, provider, platformVersion, null, network, strategies, constraints);
    }
    return new Fargate(strategy.isEmpty() ? f.capacityProviderName() : null, f.platformVersion(), network);
  }

  /** Whether a strategy names FARGATE or FARGATE_SPOT. */
  public static boolean hasFargate(List<CapacityProviderStrategyItem> strategy) {
    return CapacityPlacement.hasFargate(strategy);
  }

  /** Whether a service of {@code launchType} (null with a strategy) may run tasks on the cluster's instances. */
  public static boolean onInstances(String launchType, List<CapacityProviderStrategyItem> strategy) {
    return strategy.isEmpty() ? !"FARGATE".equals(launchType) : CapacityPlacement.hasInstances(strategy);
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
    List<CapacityProviderStrategyItem> split = launch.capacityProviderStrategy();
    LaunchSpec spec;
    if (f != null && split.isEmpty()) { // launch type FARGATE
      FargateLaunch fargate = new FargateLaunch(f.capacityProviderName(), f.platformVersion(),
          FargateLaunchRules.PLATFORM_FAMILY, f.network());
      // A FARGATE service's tasks take their address from a subnet of the managed nodes' zones.
      AwsVpcRequest vpc = networking.check(launch.scope(), ManagedCapacity.CLUSTER, td, f.network(), "FARGATE");
      spec = new LaunchSpec(launch.scope(), launch.cluster(), td, LaunchRules.overrides(null, td),
          group(launch.serviceName()), launch.deploymentId(), "FARGATE", launch.enableExecuteCommand(),
          launch.tags(), null, launch.constraints(), launch.strategies(), new LaunchSpec.PlacementRules(
          FargateLaunchRules.STRATEGIES, List.of(), FargateLaunchRules.required(td)), null, null,
          TaskDemand.staticHostPorts(td), vpc, List.of(), fargate, null);
    } else {
      // on container instances, or split: the FARGATE / FARGATE_SPOT parts are checked and placed by the launcher
      AwsVpcRequest vpc = split.isEmpty() || CapacityPlacement.hasInstances(split)
          ? networking.check(launch.scope(), launch.cluster(), td, network,
              launch.launchType() != null ? launch.launchType() : "EC2") : null;
      spec = new LaunchSpec(launch.scope(), launch.cluster(), td, LaunchRules.overrides(null, td),
          group(launch.serviceName()), launch.deploymentId(), launch.launchType(), launch.enableExecuteCommand(),
          launch.tags(), null, launch.constraints(), launch.strategies(), placement(launch.constraints(),
          launch.strategies(), td), null, null, TaskDemand.staticHostPorts(td), vpc, split, null,
          f == null ? null : new LaunchSpec.FargateInputs(f.platformVersion(), f.network()));
    }
    try {
      TasksResponse out = launcher.run(spec, count, running(launch), now);
      return new Launched(out.tasks(), out.failures());
    } catch (EcsException e) {
      if (TaskLauncher.NO_INSTANCES.equals(e.getMessage()) || TaskLauncher.NO_MANAGED_CAPACITY.equals(e.getMessage())) {
        return new Launched(List.of(), List.of(new Failure(null, e.getMessage(), null)));
      }
      throw e;
    }
  }

  /**
   * The tasks of the launch's deployment that are not stopped, per capacity provider: a
   * service's split counts what its providers already run, as ECS's does.
   */
  private Map<String, Integer> running(Launch launch) {
    if (launch.capacityProviderStrategy().isEmpty()) {
      return Map.of();
    }
    Map<String, Integer> out = new HashMap<>();
    String group = group(launch.serviceName());
    for (StoredTask t : all(launch.scope(), launch.cluster())) {
      Task task = t.task();
      if (group.equals(task.group()) && launch.deploymentId().equals(task.startedBy())
          && !"STOPPED".equals(task.desiredStatus()) && task.capacityProviderName() != null) {
        out.merge(task.capacityProviderName(), 1, Integer::sum);
      }
    }
    return out;
  }

  /** The strategy a service uses: the one given, else with no launch type the cluster's default, else none. */
  public static List<CapacityProviderStrategyItem> capacityProviderStrategy(List<CapacityProviderStrategyItem> given,
      String launchType, Cluster cluster, TaskDefinition td) {
    List<CapacityProviderStrategyItem> strategy = CapacityPlacement.strategy(given, launchType, cluster);
    CapacityPlacement.compatible(strategy, td);
    return strategy;
  }

  /**
   * Places and stores one task of {@code launch} (with the service's {@code network}, null unless
   * awsvpc) on each of {@code instanceIds} (a DAEMON service): each instance is re-checked for resources and the placement rules; those that do
   * not fit are failures with their reason.
   */
  public Launched launchOn(Launch launch, NetworkConfiguration network, List<String> instanceIds, Instant now) {
    TaskDefinition td = launch.taskDefinition();
    AwsVpcRequest vpc = networking.check(launch.scope(), launch.cluster(), td, network, launch.launchType());
    LaunchSpec spec = new LaunchSpec(launch.scope(), launch.cluster(), td, LaunchRules.overrides(null, td),
        group(launch.serviceName()), launch.deploymentId(), launch.launchType(), launch.enableExecuteCommand(),
        launch.tags(), null, launch.constraints(), List.of(), placement(launch.constraints(), List.of(), td), null,
        null, TaskDemand.staticHostPorts(td), vpc, List.of(), null, null);
    TasksResponse out = launcher.onInstances(spec, instanceIds, now);
    return new Launched(out.tasks(), out.failures());
  }

  /**
   * The instances a DAEMON service of {@code serviceName} belongs on and those it must wait for.
   *
   * @param eligible ACTIVE instances that meet the service's and the task definition's placement
   *     constraints and required attributes (whatever their free resources)
   * @param busyDraining DRAINING instances that still run tasks of other services: the daemon's
   *     task there is stopped only after them
   */
  public record DaemonHosts(Set<String> eligible, Set<String> busyDraining) {
    public DaemonHosts {
      eligible = Set.copyOf(eligible);
      busyDraining = Set.copyOf(busyDraining);
    }
  }

  /** Where a DAEMON service's tasks belong now, from the cluster's placement snapshot. */
  public DaemonHosts daemonHosts(Scope scope, String cluster, String serviceName,
      List<PlacementConstraint> constraints, TaskDefinition td) {
    LaunchSpec.PlacementRules rules = placement(constraints, List.of(), td);
    String group = group(serviceName);
    Set<String> eligible = new HashSet<>();
    Set<String> busy = new HashSet<>();
    for (Node node : placement.ledger(scope, cluster).snapshot().nodes()) {
      if (Node.ACTIVE.equals(node.status())) {
        boolean fits = Fit.attributes(node, rules.required()).isEmpty() && rules.constraints().stream()
            .allMatch(c -> !(c instanceof Constraint.MemberOf m) || m.query().test(node));
        if (fits) {
          eligible.add(node.id());
        }
      } else if ("DRAINING".equals(node.status()) && node.taskGroups().entrySet().stream()
          .anyMatch(e -> e.getKey() != null && e.getKey().startsWith("service:") && !e.getKey().equals(group)
              && e.getValue() > 0)) {
        busy.add(node.id());
      }
    }
    return new DaemonHosts(eligible, busy);
  }

  /** Wants task {@code id} STOPPED by the service scheduler; {@code atOnce} when no agent will report it (lost). */
  public Optional<Task> stop(Scope scope, String cluster, String id, String reason, boolean atOnce, Instant now) {
    return stopper.stop(scope, cluster, id, TaskStopCode.SERVICE_SCHEDULER_INITIATED, reason, atOnce, now);
  }

  /** Every stored task of {@code cluster} (stopped ones until they are cleaned up). */
  public List<StoredTask> all(Scope scope, String cluster) {
    return records.all(scope, cluster).stream().map(Versioned::value).toList();
  }

  /** The container instances of {@code cluster} as the placement state holds them (decoded once, as they change). */
  public List<Versioned<ContainerInstance>> instances(Scope scope, String cluster) {
    return placement.ledger(scope, cluster).instances();
  }

  /** The store key of task {@code id}. */
  public static String key(Scope scope, String cluster, String id) {
    return TaskRefs.key(scope, cluster, id);
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
