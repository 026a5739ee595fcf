package io.gantry.server.services;

import io.gantry.api.ecs.service.CreateServiceRequest;
import io.gantry.api.ecs.service.DeleteServiceRequest;
import io.gantry.api.ecs.service.DeploymentConfiguration;
import io.gantry.api.ecs.service.DescribeServicesRequest;
import io.gantry.api.ecs.service.ListServicesRequest;
import io.gantry.api.ecs.service.Service;
import io.gantry.api.ecs.service.ServiceResponse;
import io.gantry.api.ecs.service.UpdateServiceRequest;
import io.gantry.model.Arn;
import io.gantry.model.EcsException;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.cluster.Cluster;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.clusters.ClusterRefs;
import io.gantry.server.dispatch.EcsHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.network.TaskNetworking;
import io.gantry.server.placement.ManagedCapacity;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagStore;
import io.gantry.server.tags.Tags;
import io.gantry.server.taskdefs.TaskDefinitionReader;
import io.gantry.server.tasks.ServiceTasks;
import io.gantry.server.tasks.TaskHandler;
import io.gantry.store.Txn;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The service operations of the ECS API. CreateService stores the service with its first
 * PRIMARY deployment; UpdateService changes the spec and starts a new deployment when what the
 * tasks run changes; DeleteService drains the service (the controller stops its tasks, then makes
 * it INACTIVE). The tasks themselves are launched and stopped by the {@link ServiceController}.
 * Thread-safe; every write is a compare-and-set on the service (and, for a new service, its
 * cluster's) revision.
 */
public final class ServiceHandler implements EcsHandler {
  static final String NOT_IDEMPOTENT = "Creation of service was not idempotent.";
  static final String STILL_DRAINING = "Unable to Start a service that is still Draining.";
  static final String SCALED_ABOVE_ZERO = "The service cannot be stopped while it is scaled above 0.";

  private final EntityStore store;
  private final TagStore tags;
  private final ClusterRefs clusters;
  private final ServiceRefs refs;
  private final TaskDefinitionReader definitions;
  private final ServiceReads reads;
  private final ServiceUpdates updates;
  private final RandomGenerator random;
  private final TaskNetworking networking;

  public ServiceHandler(EntityStore store, TagStore tags) {
    this(store, tags, new SecureRandom());
  }

  /** With the random source for deployment ids (tests pass a seeded one). */
  public ServiceHandler(EntityStore store, TagStore tags, RandomGenerator random) {
    this(store, tags, random, null);
  }

  /** With the server's task networking, so awsvpc services can be created (null: refused). */
  public ServiceHandler(EntityStore store, TagStore tags, RandomGenerator random, TaskNetworking networking) {
    this.networking = networking;
    this.store = store;
    this.tags = tags;
    this.clusters = new ClusterRefs(store);
    this.refs = new ServiceRefs(store);
    this.definitions = new TaskDefinitionReader(store);
    this.reads = new ServiceReads(store, tags);
    this.updates = new ServiceUpdates(definitions, random, networking);
    this.random = random;
  }

  @Override
  public void register(OperationRegistry registry) {
    registry
        .register("CreateService", CreateServiceRequest.class, this::create)
        .register("UpdateService", UpdateServiceRequest.class, this::update)
        .register("DeleteService", DeleteServiceRequest.class, this::delete)
        .register("DescribeServices", DescribeServicesRequest.class, reads::describe)
        .register("ListServices", ListServicesRequest.class, reads::list);
    new ServiceDeploymentHandler(store, random).register(registry);
  }

  ServiceResponse create(RequestContext ctx, CreateServiceRequest req) {
    Scope scope = ctx.scope();
    String name = ServiceRules.name(req.serviceName());
    ServiceRules.controller(req.deploymentController());
    String scheduling = ServiceRules.schedulingStrategy(req.schedulingStrategy());
    boolean daemon = ServiceRules.DAEMON.equals(scheduling);
    if (daemon) {
      ServiceRules.daemon(req.desiredCount(), req.placementStrategy(), req.capacityProviderStrategy());
    }
    int desired = daemon ? 0 : ServiceRules.desiredCount(req.desiredCount());
    String token = ServiceRules.clientToken(req.clientToken());
    ServiceRules.unsupported(req.loadBalancers(), req.serviceRegistries(), req.serviceConnectConfiguration(),
        req.volumeConfigurations(), req.vpcLatticeConfigurations());
    List<Tag> serviceTags = Tags.validate(req.tags());
    if (req.taskDefinition() == null || req.taskDefinition().isEmpty()) {
      throw EcsException.invalidParameter("A task definition must be specified for the ECS deployment controller.");
    }
    TaskDefinition td = updates.activeDefinition(scope, req.taskDefinition());
    boolean providers = req.capacityProviderStrategy() != null && !req.capacityProviderStrategy().isEmpty();
    if (providers && req.launchType() != null) {
      ServiceTasks.launchType(req.launchType(), true, td);
    }
    var strategy = ServiceTasks.capacityProviderStrategy(req.capacityProviderStrategy(), req.launchType(),
        clusters.forTasks(scope, req.cluster()).value(), td);
    String launchType = ServiceTasks.launchType(req.launchType(), !strategy.isEmpty(), td);
    // FARGATE (launch type, or the FARGATE / FARGATE_SPOT items of a strategy): ECS's FARGATE rules
    ServiceTasks.Fargate fargate = ServiceTasks.fargate(launchType, strategy, td, req.platformVersion(),
        req.networkConfiguration(), req.placementConstraints(), req.placementStrategy());
    if (fargate == null) {
      ServiceRules.platformVersion(req.platformVersion(), launchType != null ? launchType : "EC2");
    } else {
      if (daemon) {
        throw EcsException.invalidParameter("The DAEMON scheduling strategy is not supported with the FARGATE "
            + "launch type or FARGATE capacity providers.");
      }
      ServiceTasks.checkNetwork(networking, scope, ManagedCapacity.CLUSTER, td, req.networkConfiguration(), "FARGATE");
    }
    if (ServiceTasks.onInstances(launchType, strategy)) {
      ServiceTasks.checkNetwork(networking, scope, clusters.active(scope, req.cluster()).value().clusterName(), td,
          req.networkConfiguration(), launchType != null ? launchType : "EC2");
      ServiceTasks.checkPlacement(req.placementConstraints(), req.placementStrategy(), td);
    }
    DeploymentConfiguration configuration = ServiceRules.configuration(req.deploymentConfiguration(),
        daemon ? ServiceRules.daemonDefaults() : null);
    String propagate = ServiceTasks.propagateTags(req.propagateTags());
    Integer grace = ServiceRules.gracePeriod(req.healthCheckGracePeriodSeconds());
    String fingerprint = TaskHandler.fingerprint(req.withoutClientToken());

    return new ServiceResponse(store.retry(attempt -> {
      Versioned<Cluster> cluster = clusters.forTasks(scope, req.cluster());
      String clusterName = cluster.value().clusterName();
      String key = ServiceRefs.key(scope, clusterName, name);
      Optional<Versioned<StoredService>> existing = refs.live(scope, clusterName, name);
      if (existing.isPresent()) {
        StoredService s = existing.get().value();
        if (Service.DRAINING.equals(s.service().status())) {
          throw EcsException.invalidParameter(STILL_DRAINING);
        }
        if (token != null && token.equals(s.clientToken()) && fingerprint.equals(s.requestFingerprint())) {
          return new EntityStore.Attempt<>(null, s.service().withTags(serviceTags));
        }
        throw EcsException.invalidParameter(NOT_IDEMPOTENT);
      }
      String arn = Arn.service(scope, clusterName, name);
      String deploymentId = Deployments.newId(random);
      Service service = Service.builder()
          .capacityProviderStrategy(strategy)
          .clusterArn(cluster.value().clusterArn())
          .createdAt(ctx.now())
          .createdBy(ctx.principalArn())
          .deploymentConfiguration(configuration)
          .deploymentController(ServiceRules.controller(req.deploymentController()))
          .deployments(List.of(Deployments.start(deploymentId, td.taskDefinitionArn(), desired, launchType,
              strategy, ctx.now())))
          .desiredCount(desired)
          .enableECSManagedTags(Boolean.TRUE.equals(req.enableECSManagedTags()))
          .enableExecuteCommand(Boolean.TRUE.equals(req.enableExecuteCommand()))
          .events(List.of())
          .healthCheckGracePeriodSeconds(grace)
          .launchType(launchType)
          .platformVersion(fargate != null ? fargate.platformVersion() : null)
          .platformFamily(fargate != null ? "Linux" : null)
          .loadBalancers(List.of())
          .networkConfiguration(req.networkConfiguration())
          .pendingCount(0)
          .placementConstraints(req.placementConstraints())
          .placementStrategy(daemon ? List.of() : req.placementStrategy())
          .propagateTags(propagate)
          .runningCount(0)
          .schedulingStrategy(scheduling)
          .serviceArn(arn)
          .serviceName(name)
          .serviceRegistries(List.of())
          .status(Service.ACTIVE)
          .taskDefinition(td.taskDefinitionArn())
          .build();
      StoredService stored = new StoredService(service, token, fingerprint, 1, null, null,
          DeploymentHistories.started(List.of(), service, service.deployments().get(0), ctx.now()));
      Txn.Builder txn = Txn.builder()
          .modRevisionIs(cluster.key(), cluster.modRevision())
          .absent(key).put(key, store.encode(stored))
          .delete(ServiceRefs.inactiveKey(scope, clusterName, name));
      if (serviceTags.isEmpty()) {
        tags.delete(txn, scope, arn);
      } else {
        tags.put(txn, scope, arn, serviceTags);
      }
      return new EntityStore.Attempt<>(txn.build(), service.withTags(serviceTags));
    }));
  }

  ServiceResponse update(RequestContext ctx, UpdateServiceRequest req) {
    Scope scope = ctx.scope();
    ServiceRules.unsupported(req.loadBalancers(), req.serviceRegistries(), req.serviceConnectConfiguration(),
        req.volumeConfigurations(), req.vpcLatticeConfigurations());
    return new ServiceResponse(store.retry(attempt -> {
      Cluster clusterRecord = clusters.active(scope, req.cluster()).value();
      String cluster = clusterRecord.clusterName();
      Versioned<StoredService> current = liveOrThrow(scope, cluster, req.service());
      StoredService next = updates.apply(scope, clusterRecord, current.value(), req, ctx.now());
      return new EntityStore.Attempt<>(write(current, next), next.service());
    }));
  }

  ServiceResponse delete(RequestContext ctx, DeleteServiceRequest req) {
    Scope scope = ctx.scope();
    return new ServiceResponse(store.retry(attempt -> {
      String cluster = clusters.active(scope, req.cluster()).value().clusterName();
      Versioned<StoredService> current = liveOrThrow(scope, cluster, req.service());
      Service s = current.value().service();
      if (!Boolean.TRUE.equals(req.force()) && !ServiceRules.DAEMON.equals(s.schedulingStrategy())
          && s.desiredCount() != null && s.desiredCount() > 0) {
        throw EcsException.invalidParameter(SCALED_ABOVE_ZERO);
      }
      Service draining = s.toBuilder().status(Service.DRAINING).desiredCount(0).build();
      StoredService next = current.value().changed(draining).withSteadySince(null);
      return new EntityStore.Attempt<>(write(current, next), draining);
    }));
  }

  /** The ACTIVE service {@code ref}: ServiceNotFoundException when there is none, ServiceNotActiveException when it is not ACTIVE. */
  private Versioned<StoredService> liveOrThrow(Scope scope, String cluster, String ref) {
    Versioned<StoredService> found = refs.find(scope, cluster, ref).orElseThrow(EcsException::serviceNotFound);
    if (!Service.ACTIVE.equals(found.value().service().status())) {
      throw EcsException.serviceNotActive();
    }
    return found;
  }

  private Txn write(Versioned<StoredService> current, StoredService next) {
    return Txn.builder().modRevisionIs(current.key(), current.modRevision())
        .put(current.key(), store.encode(next)).build();
  }
}
