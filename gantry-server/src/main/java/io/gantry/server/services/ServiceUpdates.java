package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.Service;
import io.gantry.api.ecs.service.ServiceBuilder;
import io.gantry.api.ecs.service.UpdateServiceRequest;
import io.gantry.model.EcsException;
import io.gantry.model.Scope;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.cluster.Cluster;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.state.Versioned;
import io.gantry.server.network.TaskNetworking;
import io.gantry.server.taskdefs.TaskDefinitionReader;
import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.server.tasks.ServiceTasks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What UpdateService does to a stored service: members given replace the stored ones, others
 * stay. A change to what the tasks run — the task definition, placement, tag propagation, ECS
 * managed tags, execute command — or {@code forceNewDeployment} starts a new PRIMARY deployment
 * (the previous one becomes ACTIVE and drains as the new one rolls out); a new desired count,
 * deployment configuration or grace period applies to the current deployment. Thread-safe.
 */
final class ServiceUpdates {
  private final TaskDefinitionReader definitions;
  private final RandomGenerator random;

  private final TaskNetworking networking;

  /** Without task networking: only what the controller reads (definitions). */
  ServiceUpdates(TaskDefinitionReader definitions, RandomGenerator random) {
    this(definitions, random, null);
  }

  ServiceUpdates(TaskDefinitionReader definitions, RandomGenerator random, TaskNetworking networking) {
    this.networking = networking;
    this.definitions = definitions;
    this.random = random;
  }

  StoredService apply(Scope scope, Cluster cluster, StoredService stored, UpdateServiceRequest req, Instant now) {
    Service s = stored.service();
    if (req.deploymentController() != null) {
      ServiceRules.controller(req.deploymentController());
    }
    boolean daemon = ServiceRules.DAEMON.equals(s.schedulingStrategy());
    if (daemon) {
      ServiceRules.daemon(req.desiredCount(), req.placementStrategy(), req.capacityProviderStrategy());
    }
    TaskDefinition td = activeDefinition(scope, req.taskDefinition() != null ? req.taskDefinition()
        : s.taskDefinition());
    List<CapacityProviderStrategyItem> strategy = s.capacityProviderStrategy();
    if (req.capacityProviderStrategy() != null && !req.capacityProviderStrategy().isEmpty()) {
      strategy = ServiceTasks.capacityProviderStrategy(req.capacityProviderStrategy(), null, cluster, td);
    } else if (!strategy.isEmpty()) {
      ServiceTasks.capacityProviderStrategy(strategy, null, cluster, td);
    }
    String launchType = strategy.isEmpty() ? s.launchType() : null;
    ServiceTasks.launchType(launchType, !strategy.isEmpty(), td);
    NetworkConfiguration network = req.networkConfiguration() != null ? req.networkConfiguration()
        : s.networkConfiguration();
    String clusterName = s.clusterArn().substring(s.clusterArn().lastIndexOf('/') + 1);
    var constraints = req.placementConstraints() != null ? req.placementConstraints() : s.placementConstraints();
    var strategies = req.placementStrategy() != null ? req.placementStrategy() : s.placementStrategy();
    // FARGATE (launch type, or the FARGATE / FARGATE_SPOT items of a strategy): the same checks as at creation
    ServiceTasks.Fargate fargate = ServiceTasks.fargate(launchType, strategy, td,
        req.platformVersion() != null ? req.platformVersion() : s.platformVersion(), network, constraints, strategies);
    if (fargate == null) {
      ServiceRules.platformVersion(req.platformVersion(), launchType != null ? launchType : "EC2");
    } else {
      ServiceTasks.checkNetwork(networking, scope, io.gantry.server.placement.ManagedCapacity.CLUSTER, td, network,
          "FARGATE");
    }
    if (ServiceTasks.onInstances(launchType, strategy)) {
      ServiceTasks.checkNetwork(networking, scope, clusterName, td, network, launchType != null ? launchType : "EC2");
      ServiceTasks.checkPlacement(constraints, strategies, td);
    }
    int desired = req.desiredCount() != null ? ServiceRules.desiredCount(req.desiredCount()) : s.desiredCount();
    String propagate = req.propagateTags() != null ? ServiceTasks.propagateTags(req.propagateTags())
        : s.propagateTags();
    boolean managed = req.enableECSManagedTags() != null ? req.enableECSManagedTags()
        : Boolean.TRUE.equals(s.enableECSManagedTags());
    boolean exec = req.enableExecuteCommand() != null ? req.enableExecuteCommand()
        : Boolean.TRUE.equals(s.enableExecuteCommand());

    boolean newDeployment = Boolean.TRUE.equals(req.forceNewDeployment())
        || !td.taskDefinitionArn().equals(s.taskDefinition())
        || !constraints.equals(s.placementConstraints()) || !strategies.equals(s.placementStrategy())
        || !strategy.equals(s.capacityProviderStrategy())
        || !Objects.equals(propagate, s.propagateTags()) || managed != Boolean.TRUE.equals(s.enableECSManagedTags())
        || exec != Boolean.TRUE.equals(s.enableExecuteCommand())
        || !Objects.equals(network, s.networkConfiguration());
    List<Deployment> deployments = new ArrayList<>();
    if (newDeployment) {
      deployments.add(Deployments.start(Deployments.newId(random), td.taskDefinitionArn(), desired, launchType,
          strategy, now));
      s.deployments().forEach(d -> deployments.add(Deployment.PRIMARY.equals(d.status())
          ? d.withStatus(Deployment.ACTIVE, now) : d));
    } else {
      deployments.addAll(s.deployments());
      Deployment primary = deployments.get(0);
      deployments.set(0, primary.withCounts(desired, nz(primary.runningCount()), nz(primary.pendingCount()),
          nz(primary.failedTasks()), now));
    }
    ServiceBuilder next = s.toBuilder()
        .deployments(deployments)
        .capacityProviderStrategy(strategy)
        .launchType(launchType)
        .desiredCount(desired)
        .taskDefinition(td.taskDefinitionArn())
        .placementConstraints(constraints)
        .placementStrategy(strategies)
        .propagateTags(propagate)
        .enableECSManagedTags(managed)
        .enableExecuteCommand(exec)
        .networkConfiguration(network)
        .deploymentConfiguration(ServiceRules.configuration(req.deploymentConfiguration(),
            s.deploymentConfiguration()))
        .healthCheckGracePeriodSeconds(req.healthCheckGracePeriodSeconds() != null
            ? ServiceRules.gracePeriod(req.healthCheckGracePeriodSeconds()) : s.healthCheckGracePeriodSeconds());
    Service built = next.build();
    StoredService out = stored.changed(built).withSteadySince(null);
    return newDeployment ? out.withHistory(DeploymentHistories.started(stored.history(), built, deployments.get(0),
        now)) : out;
  }

  private static int nz(Integer v) {
    return v == null ? 0 : v;
  }

  /** The ACTIVE revision {@code ref} names (ECS's errors when there is none or it is inactive). */
  TaskDefinition activeDefinition(Scope scope, String ref) {
    return definitions.active(scope, ref);
  }

  /** The definition a deployment runs, whatever its status now (deregistered ones keep running). */
  java.util.Optional<TaskDefinition> definition(Scope scope, String arn) {
    return definitions.find(scope, arn).map(Versioned::value);
  }
}
