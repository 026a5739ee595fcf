package io.gantry.server.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gantry.api.ecs.task.DescribeTasksRequest;
import io.gantry.api.ecs.task.ListTasksRequest;
import io.gantry.api.ecs.task.ListTasksResponse;
import io.gantry.api.ecs.task.RunTaskRequest;
import io.gantry.api.ecs.task.StartTaskRequest;
import io.gantry.api.ecs.task.StopTaskRequest;
import io.gantry.api.ecs.task.StopTaskResponse;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.api.json.AwsJson;
import io.gantry.model.EcsException;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.cluster.Cluster;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.clusters.ClusterRefs;
import io.gantry.server.dispatch.EcsHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.network.AwsVpcRequest;
import io.gantry.server.network.SubnetCatalog;
import io.gantry.server.network.TaskNetworking;
import io.gantry.server.placement.ManagedCapacity;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.placement.TaskDemand;
import io.gantry.server.state.EntityStore;
import io.gantry.server.tags.TagStore;
import io.gantry.server.tags.Tags;
import io.gantry.server.taskdefs.TaskDefinitionReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The task operations of the ECS API: RunTask, StartTask, StopTask, DescribeTasks and ListTasks.
 * Launches are validated here ({@link LaunchRules}), placed and stored by {@link TaskLauncher};
 * stops go through {@link TaskStopper}; reads through {@link TaskQueries}. Tasks are created
 * PENDING with desired status RUNNING; node agents move them on through {@link TaskStateService}.
 * Thread-safe; holds no mutable state.
 */
public final class TaskHandler implements EcsHandler {
  static final String TASK_DEFINITION_NOT_FOUND = TaskDefinitionReader.TASK_DEFINITION_NOT_FOUND;
  static final String TASK_DEFINITION_INACTIVE = TaskDefinitionReader.TASK_DEFINITION_INACTIVE;

  private final TagStore tags;
  private final ClusterRefs clusters;
  private final TaskDefinitionReader definitions;
  private final TaskLauncher launcher;
  private final TaskStopper stopper;
  private final TaskQueries queries;
  private final TaskNetworking networking;

  public TaskHandler(EntityStore store, TagStore tags, PlacementState placement) {
    this(store, tags, placement, new SecureRandom());
  }

  /** With the random source for task ids and container ARNs (tests pass a seeded one). */
  public TaskHandler(EntityStore store, TagStore tags, PlacementState placement, RandomGenerator random) {
    this(store, store, tags, placement, random, new TaskNetworking(store, placement, SubnetCatalog.defaults()));
  }

  /** With the server's task networking (subnets and the address allocator every launch path shares). */
  public TaskHandler(EntityStore store, TagStore tags, PlacementState placement, RandomGenerator random,
      TaskNetworking networking) {
    this(store, store, tags, placement, random, networking);
  }

  /**
   * With {@code placements}, the store the plan applier commits launches through (the leader's
   * fenced view of {@code store} when several replicas share it), and the server's task networking.
   */
  public TaskHandler(EntityStore store, EntityStore placements, TagStore tags, PlacementState placement,
      RandomGenerator random, TaskNetworking networking) {
    this.networking = networking;
    this.tags = tags;
    this.clusters = new ClusterRefs(store);
    this.definitions = new TaskDefinitionReader(store);
    this.launcher = new TaskLauncher(placements, tags, placement, random, networking);
    this.stopper = new TaskStopper(store);
    this.queries = new TaskQueries(store, tags);
  }

  @Override
  public void register(OperationRegistry registry) {
    registry
        .register("RunTask", RunTaskRequest.class, this::runTask)
        .register("StartTask", StartTaskRequest.class, this::startTask)
        .register("StopTask", StopTaskRequest.class, this::stopTask)
        .register("DescribeTasks", DescribeTasksRequest.class, this::describeTasks)
        .register("ListTasks", ListTasksRequest.class, this::listTasks);
  }

  public TasksResponse runTask(RequestContext ctx, RunTaskRequest req) {
    Scope scope = ctx.scope();
    Cluster clusterRecord = clusters.forTasks(scope, req.cluster()).value();
    String cluster = clusterRecord.clusterName();
    int count = LaunchRules.count(req.count());
    String token = LaunchRules.clientToken(req.clientToken());
    TaskDefinition td = activeDefinition(scope, req.taskDefinition());
    boolean given = req.capacityProviderStrategy() != null && !req.capacityProviderStrategy().isEmpty();
    if (given && req.launchType() != null) {
      LaunchRules.launchType(req.launchType(), true, td);
    }
    var strategy = CapacityPlacement.strategy(req.capacityProviderStrategy(), req.launchType(), clusterRecord);
    String launchType = LaunchRules.launchType(req.launchType(), !strategy.isEmpty(), td);
    CapacityPlacement.compatible(strategy, td);
    FargateLaunch fargate = null;
    AwsVpcRequest network = null;
    LaunchSpec.PlacementRules placement;
    if ("FARGATE".equals(launchType)) {
      fargate = FargateLaunchRules.check(td, "FARGATE", req.platformVersion(), null, req.networkConfiguration(),
          req.placementStrategy(), req.placementConstraints());
      // The task's address comes from a subnet of the managed nodes' zones.
      network = networking.check(scope, ManagedCapacity.CLUSTER, td, req.networkConfiguration(), launchType);
      placement = new LaunchSpec.PlacementRules(FargateLaunchRules.STRATEGIES, List.of(),
          FargateLaunchRules.required(td));
    } else {
      // a split's FARGATE / FARGATE_SPOT parts are checked by the launcher (FargateInputs), the rest here
      if (!CapacityPlacement.hasFargate(strategy)) {
        FargateLaunchRules.notFargate(req.platformVersion(), launchType != null ? launchType : "EC2");
      }
      if (strategy.isEmpty() || CapacityPlacement.hasInstances(strategy)) {
        network = networking.check(scope, cluster, td, req.networkConfiguration(),
            launchType != null ? launchType : "EC2");
      }
      placement = new LaunchSpec.PlacementRules(LaunchRules.strategies(req.placementStrategy()),
          LaunchRules.constraints(req.placementConstraints(), td), LaunchRules.requiredAttributes(td));
    }
    LaunchRules.volumes(req.volumeConfigurations());
    LaunchSpec spec = new LaunchSpec(scope, cluster, td, LaunchRules.overrides(req.overrides(), td),
        LaunchRules.group(req.group(), td), LaunchRules.startedBy(req.startedBy()), launchType,
        Boolean.TRUE.equals(req.enableExecuteCommand()),
        taskTags(scope, cluster, td, req.tags(), req.propagateTags(), req.enableECSManagedTags()),
        LaunchRules.referenceId(req.referenceId()), req.placementConstraints(), req.placementStrategy(), placement,
        token, fingerprint(req.withoutClientToken()), TaskDemand.staticHostPorts(td), network, strategy, fargate,
        CapacityPlacement.hasFargate(strategy)
            ? new LaunchSpec.FargateInputs(req.platformVersion(), req.networkConfiguration()) : null);
    return launcher.run(spec, count, ctx.now());
  }

  public TasksResponse startTask(RequestContext ctx, StartTaskRequest req) {
    Scope scope = ctx.scope();
    String cluster = clusters.forTasks(scope, req.cluster()).value().clusterName();
    List<String> targets = req.containerInstances() == null ? List.of() : req.containerInstances();
    if (targets.isEmpty()) {
      throw EcsException.invalidParameter("Container instances cannot be empty.");
    }
    if (targets.size() > LaunchRules.MAX_INSTANCES) {
      throw EcsException.invalidParameter("Container instances can have at most " + LaunchRules.MAX_INSTANCES
          + " items.");
    }
    TaskDefinition td = activeDefinition(scope, req.taskDefinition());
    String launchType = LaunchRules.launchType(null, false, td);
    AwsVpcRequest network = networking.check(scope, cluster, td, req.networkConfiguration(), launchType);
    LaunchRules.volumes(req.volumeConfigurations());
    LaunchSpec spec = new LaunchSpec(scope, cluster, td, LaunchRules.overrides(req.overrides(), td),
        LaunchRules.group(req.group(), td), LaunchRules.startedBy(req.startedBy()), launchType,
        Boolean.TRUE.equals(req.enableExecuteCommand()),
        taskTags(scope, cluster, td, req.tags(), req.propagateTags(), req.enableECSManagedTags()),
        LaunchRules.referenceId(req.referenceId()), null, null, LaunchSpec.PlacementRules.NONE, null, null,
        TaskDemand.staticHostPorts(td), network, List.of(), null, null);
    return launcher.start(spec, targets, ctx.now());
  }

  public StopTaskResponse stopTask(RequestContext ctx, StopTaskRequest req) {
    String cluster = clusters.active(ctx.scope(), req.cluster()).value().clusterName();
    return new StopTaskResponse(stopper.stop(ctx.scope(), cluster, req.task(), LaunchRules.stopReason(req.reason()),
        ctx.now()).withTags(List.of()));
  }

  public TasksResponse describeTasks(RequestContext ctx, DescribeTasksRequest req) {
    queries.checkDescribe(req);
    String cluster = clusters.active(ctx.scope(), req.cluster()).value().clusterName();
    return queries.describe(ctx.scope(), cluster, req);
  }

  public ListTasksResponse listTasks(RequestContext ctx, ListTasksRequest req) {
    String cluster = clusters.active(ctx.scope(), req.cluster()).value().clusterName();
    return queries.list(ctx.scope(), cluster, req);
  }

  /** The ACTIVE revision {@code ref} names: ClientException when none, InvalidParameterException when it is inactive. */
  private TaskDefinition activeDefinition(Scope scope, String ref) {
    return definitions.active(scope, ref);
  }

  /**
   * The tags of the new tasks: the task definition's when {@code propagateTags} is
   * TASK_DEFINITION, overwritten by the request's, plus {@code aws:ecs:clusterName} with ECS
   * managed tags (which do not count against the limit).
   */
  private List<Tag> taskTags(Scope scope, String cluster, TaskDefinition td, List<Tag> given, String propagateTags,
      Boolean managed) {
    List<Tag> requested = Tags.validate(given);
    List<Tag> out = List.of();
    if (LaunchRules.propagateTags(propagateTags).equals("TASK_DEFINITION")) {
      out = tags.tags(scope, td.taskDefinitionArn());
    }
    out = new ArrayList<>(Tags.merge(out, requested));
    if (Boolean.TRUE.equals(managed)) {
      out.add(new Tag("aws:ecs:clusterName", cluster));
    }
    return List.copyOf(out);
  }

  /** A digest of what a RunTask request asks for, so a retry with the same client token can be recognised. */
  public static String fingerprint(Object request) {
    try {
      byte[] json = AwsJson.mapper().writeValueAsBytes(request);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
