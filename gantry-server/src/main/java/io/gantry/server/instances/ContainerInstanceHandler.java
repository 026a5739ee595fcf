package io.gantry.server.instances;

import io.gantry.api.ecs.instance.ContainerInstanceResponse;
import io.gantry.api.ecs.instance.ContainerInstancesResponse;
import io.gantry.api.ecs.instance.DeregisterContainerInstanceRequest;
import io.gantry.api.ecs.instance.DescribeContainerInstancesRequest;
import io.gantry.api.ecs.instance.ListContainerInstancesRequest;
import io.gantry.api.ecs.instance.ListContainerInstancesResponse;
import io.gantry.api.ecs.instance.RegisterContainerInstanceRequest;
import io.gantry.api.ecs.instance.UpdateContainerInstancesStateRequest;
import io.gantry.model.Arn;
import io.gantry.model.EcsException;
import io.gantry.model.capacity.CapacityProvider;
import io.gantry.server.capacity.CapacityProviders;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.cluster.Cluster;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.server.clusters.ClusterRefs;
import io.gantry.server.dispatch.EcsHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.paging.Pages;
import io.gantry.scheduler.query.Query;
import io.gantry.server.placement.ClusterLedger;
import io.gantry.server.placement.InstanceViews;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagStore;
import io.gantry.server.tags.Tags;
import io.gantry.store.Txn;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The container instance operations. Each instance is one record under its cluster, its tags one
 * record beside it. Deregistering removes both, so the cluster's instance prefix holds exactly
 * its ACTIVE and DRAINING instances; the deregistered instance is answered once, as INACTIVE.
 *
 * <p>{@code agentConnected} starts false at registration and is owned by the agent gateway, which
 * sets it while the instance's agent holds a session. Thread-safe; every write is a
 * compare-and-set.
 */
public final class ContainerInstanceHandler implements EcsHandler {
  private static final Set<String> INCLUDE_FIELDS = Set.of("TAGS", "CONTAINER_INSTANCE_HEALTH");
  private static final Set<String> LIST_STATUSES = Set.of(ContainerInstance.ACTIVE, ContainerInstance.DRAINING,
      ContainerInstance.REGISTERING, ContainerInstance.DEREGISTERING, ContainerInstance.REGISTRATION_FAILED);
  private static final Set<String> SETTABLE_STATUSES = Set.of(ContainerInstance.ACTIVE, ContainerInstance.DRAINING);
  private static final int MAX_DESCRIBE = 100;
  private static final int MAX_STATE_UPDATE = 10;

  private final EntityStore store;
  private final TagStore tags;
  private final ClusterRefs clusters;
  private final InstanceRefs instances;
  private final RandomGenerator random;
  private final PlacementState placement;
  private final String operatorAccount;

  public ContainerInstanceHandler(EntityStore store, TagStore tags, PlacementState placement) {
    this(store, tags, placement, new SecureRandom(), io.gantry.server.ServerConfig.DEFAULT_ACCOUNT);
  }

  /** With the account whose agents may offer managed capacity (the server's {@code account-id}). */
  public ContainerInstanceHandler(EntityStore store, TagStore tags, PlacementState placement, String operatorAccount) {
    this(store, tags, placement, new SecureRandom(), operatorAccount);
  }

  /** With the random source for instance ids and generated EC2 instance ids (tests pass a seeded one). */
  public ContainerInstanceHandler(EntityStore store, TagStore tags, PlacementState placement, RandomGenerator random) {
    this(store, tags, placement, random, io.gantry.server.ServerConfig.DEFAULT_ACCOUNT);
  }

  /** With the random source and the account whose agents may offer managed capacity. */
  public ContainerInstanceHandler(EntityStore store, TagStore tags, PlacementState placement, RandomGenerator random,
      String operatorAccount) {
    this.operatorAccount = operatorAccount;
    this.store = store;
    this.placement = placement;
    this.tags = tags;
    this.clusters = new ClusterRefs(store);
    this.instances = new InstanceRefs(store);
    this.random = random;
  }

  @Override
  public void register(OperationRegistry registry) {
    registry
        .register("RegisterContainerInstance", RegisterContainerInstanceRequest.class, this::registerInstance)
        .register("DescribeContainerInstances", DescribeContainerInstancesRequest.class, this::describe)
        .register("ListContainerInstances", ListContainerInstancesRequest.class, this::list)
        .register("DeregisterContainerInstance", DeregisterContainerInstanceRequest.class, this::deregister)
        .register("UpdateContainerInstancesState", UpdateContainerInstancesStateRequest.class, this::updateState);
  }

  ContainerInstanceResponse registerInstance(RequestContext ctx, RegisterContainerInstanceRequest req) {
    Scope scope = ctx.scope();
    List<Tag> newTags = Tags.validate(req.tags());
    Registration registration = Registration.of(req);
    if (registration.capacityProvider != null && (CapacityProvider.builtIn(registration.capacityProvider)
        || !new CapacityProviders(store).usable(scope, registration.capacityProvider))) {
      throw EcsException.client("The capacity provider " + registration.capacityProvider + " does not exist or is "
          + "not ACTIVE. Create it with CreateCapacityProvider before agents join it.");
    }
    ManagedClusters.ensure(store, scope, req.cluster(), operatorAccount);
    if (req.containerInstanceArn() != null && !req.containerInstanceArn().isEmpty()) {
      return new ContainerInstanceResponse(reregister(scope, req.cluster(), req.containerInstanceArn(), registration, newTags));
    }
    String id = Registration.newId(random);
    String ec2InstanceId = Registration.ec2InstanceId(req.instanceIdentityDocument(), random);
    ContainerInstance created = store.retry(attempt -> {
      Versioned<Cluster> cluster = clusters.active(scope, req.cluster());
      String name = cluster.value().clusterName();
      String key = StateKeys.containerInstance(scope, name, id);
      ContainerInstance instance = registration.newInstance(Arn.containerInstance(scope, name, id), ec2InstanceId, ctx.now());
      // Conditioned on the cluster's revision, which a DeleteCluster moves before it looks for
      // instances: either this registration lands first and the delete finds it, or it fails and
      // waits for the delete's outcome. Registrations do not move it, so they do not contend.
      Txn.Builder txn = Txn.builder()
          .modRevisionIs(cluster.key(), cluster.modRevision())
          .absent(key)
          .put(key, store.encode(instance));
      tags.put(txn, scope, instance.containerInstanceArn(), newTags);
      return new EntityStore.Attempt<>(txn.build(), instance);
    });
    return new ContainerInstanceResponse(created.described(newTags, false));
  }

  private ContainerInstance reregister(Scope scope, String clusterRef, String arn, Registration registration, List<Tag> added) {
    return store.retry(attempt -> {
      String name = clusters.active(scope, clusterRef).value().clusterName();
      String id = InstanceRefs.id(scope, name, arn).orElseThrow(() -> EcsException.invalidParameter(
          "The containerInstanceArn " + arn + " does not name a container instance of cluster " + name + "."));
      Versioned<ContainerInstance> current = instances.find(scope, name, id)
          .orElseThrow(() -> EcsException.client("Container instance " + id + " is inactive."));
      ContainerInstance next = registration.reregister(current.value());
      Txn.Builder txn = Txn.builder()
          .modRevisionIs(current.key(), current.modRevision())
          .put(current.key(), store.encode(next));
      var tagRecord = tags.read(scope, next.containerInstanceArn());
      List<Tag> tagList = tagRecord.map(v -> v.value().tags()).orElse(List.of());
      if (!added.isEmpty()) {
        tagList = Tags.merge(tagList, added);
        txn.unchangedSince(StateKeys.tags(scope, next.containerInstanceArn()), tagRecord.map(Versioned::modRevision).orElse(0L))
            .put(StateKeys.tags(scope, next.containerInstanceArn()), store.encode(new TagStore.TagSet(tagList)));
      }
      return new EntityStore.Attempt<>(txn.build(), withLoad(scope, name, next).described(tagList, false));
    });
  }

  ContainerInstancesResponse describe(RequestContext ctx, DescribeContainerInstancesRequest req) {
    Scope scope = ctx.scope();
    placement.awaitCurrent();
    List<String> asked = req.containerInstances() == null ? List.of() : req.containerInstances();
    if (asked.isEmpty()) {
      throw EcsException.invalidParameter("containerInstances can not be empty.");
    }
    if (asked.size() > MAX_DESCRIBE) {
      throw EcsException.invalidParameter("containerInstances can have at most " + MAX_DESCRIBE + " items.");
    }
    Set<String> include = req.include() == null ? Set.of() : Set.copyOf(req.include());
    for (String field : include) {
      if (!INCLUDE_FIELDS.contains(field)) {
        throw EcsException.invalidParameter("Invalid include value: " + field + ".");
      }
    }
    String name = clusters.active(scope, req.cluster()).value().clusterName();
    List<ContainerInstance> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : asked) {
      Optional<Versioned<ContainerInstance>> instance = instances.find(scope, name, ref);
      if (instance.isPresent()) {
        found.add(view(scope, name, instance.get().value(), include));
      } else {
        failures.add(Failure.missing(InstanceRefs.arnFor(scope, name, ref)));
      }
    }
    return new ContainerInstancesResponse(found, failures);
  }

  ListContainerInstancesResponse list(RequestContext ctx, ListContainerInstancesRequest req) {
    Query filter = null;
    if (req.filter() != null && !req.filter().isEmpty()) {
      try {
        filter = Query.parse(req.filter());
      } catch (IllegalArgumentException e) {
        throw EcsException.invalidParameter(e.getMessage());
      }
    }
    if (req.status() != null && !LIST_STATUSES.contains(req.status())) {
      throw EcsException.invalidParameter("Invalid status value: " + req.status()
          + ". Valid values are ACTIVE, DRAINING, REGISTERING, DEREGISTERING and REGISTRATION_FAILED.");
    }
    Scope scope = ctx.scope();
    String name = clusters.active(scope, req.cluster()).value().clusterName();
    placement.awaitCurrent();
    ClusterLedger ledger = placement.ledger(scope, name);
    List<String> arns = new ArrayList<>();
    for (Versioned<ContainerInstance> v : ledger.instances()) {
      boolean statusMatches = req.status() == null || req.status().equals(v.value().status());
      if (statusMatches && (filter == null || filter.test(ledger.node(v.value().id()).orElseThrow()))) {
        arns.add(v.value().containerInstanceArn());
      }
    }
    arns.sort(null);
    Pages.Page<String> page = Pages.page(arns, a -> a, req.nextToken(), req.maxResults(), 100, 100);
    return new ListContainerInstancesResponse(page.items(), page.nextToken());
  }

  ContainerInstanceResponse deregister(RequestContext ctx, DeregisterContainerInstanceRequest req) {
    Scope scope = ctx.scope();
    placement.awaitCurrent();
    if (req.containerInstance() == null || req.containerInstance().isEmpty()) {
      throw EcsException.invalidParameter("containerInstance must be specified.");
    }
    boolean force = Boolean.TRUE.equals(req.force());
    ContainerInstance gone = store.retry(attempt -> {
      String name = clusters.active(scope, req.cluster()).value().clusterName();
      Versioned<ContainerInstance> current = instances.find(scope, name, req.containerInstance())
          .orElseThrow(() -> EcsException.invalidParameter("The referenced container instance was not found."));
      if (!force && withLoad(scope, name, current.value()).activeTaskCount() > 0) {
        throw EcsException.invalidParameter("The container instance has tasks running. Stop them first, "
            + "or deregister it with force.");
      }
      ContainerInstance inactive = current.value().withStatus(ContainerInstance.INACTIVE);
      Txn.Builder txn = Txn.builder()
          .modRevisionIs(current.key(), current.modRevision())
          .delete(current.key());
      tags.delete(txn, scope, inactive.containerInstanceArn());
      return new EntityStore.Attempt<>(txn.build(), inactive);
    });
    return new ContainerInstanceResponse(gone.described(null, false));
  }

  ContainerInstancesResponse updateState(RequestContext ctx, UpdateContainerInstancesStateRequest req) {
    Scope scope = ctx.scope();
    List<String> asked = req.containerInstances() == null ? List.of() : req.containerInstances();
    if (asked.isEmpty()) {
      throw EcsException.invalidParameter("containerInstances can not be empty.");
    }
    if (asked.size() > MAX_STATE_UPDATE) {
      throw EcsException.invalidParameter("instanceIds can have at most " + MAX_STATE_UPDATE + " items.");
    }
    if (req.status() == null || !SETTABLE_STATUSES.contains(req.status())) {
      throw EcsException.invalidParameter("Container instances can only be set to ACTIVE or DRAINING.");
    }
    String name = clusters.active(scope, req.cluster()).value().clusterName();
    List<ContainerInstance> updated = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : asked) {
      Optional<ContainerInstance> result = setStatus(scope, name, ref, req.status());
      if (result.isPresent()) {
        updated.add(view(scope, name, result.get(), Set.of()));
      } else {
        failures.add(Failure.missing(InstanceRefs.arnFor(scope, name, ref)));
      }
    }
    return new ContainerInstancesResponse(updated, failures);
  }

  /** Sets one instance's status; empty when the instance does not exist. */
  private Optional<ContainerInstance> setStatus(Scope scope, String clusterName, String ref, String status) {
    return store.retry(attempt -> {
      Optional<Versioned<ContainerInstance>> found = instances.find(scope, clusterName, ref);
      if (found.isEmpty()) {
        return new EntityStore.Attempt<>(null, Optional.<ContainerInstance>empty());
      }
      Versioned<ContainerInstance> current = found.get();
      if (status.equals(current.value().status())) {
        return new EntityStore.Attempt<>(null, Optional.of(current.value()));
      }
      ContainerInstance next = current.value().withStatus(status);
      Txn txn = Txn.builder().modRevisionIs(current.key(), current.modRevision())
          .put(current.key(), store.encode(next)).build();
      return new EntityStore.Attempt<>(txn, Optional.of(next));
    });
  }

  /** The instance as it is shown: what its tasks hold taken into account; tags and health only when asked for. */
  private ContainerInstance view(Scope scope, String cluster, ContainerInstance instance, Set<String> include) {
    List<Tag> tagList = include.contains("TAGS") ? tags.tags(scope, instance.containerInstanceArn()) : null;
    return withLoad(scope, cluster, instance).described(tagList, include.contains("CONTAINER_INSTANCE_HEALTH"));
  }

  private ContainerInstance withLoad(Scope scope, String cluster, ContainerInstance instance) {
    return InstanceViews.withLoad(instance, placement.ledger(scope, cluster).load(instance.id()));
  }
}
