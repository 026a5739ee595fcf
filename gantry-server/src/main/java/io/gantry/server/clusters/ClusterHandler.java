package io.gantry.server.clusters;

import io.gantry.api.ecs.cluster.ClusterResponse;
import io.gantry.api.ecs.cluster.CreateClusterRequest;
import io.gantry.api.ecs.cluster.DeleteClusterRequest;
import io.gantry.api.ecs.cluster.DescribeClustersRequest;
import io.gantry.api.ecs.cluster.DescribeClustersResponse;
import io.gantry.api.ecs.cluster.ListClustersRequest;
import io.gantry.api.ecs.cluster.ListClustersResponse;
import io.gantry.api.ecs.cluster.PutClusterCapacityProvidersRequest;
import io.gantry.api.ecs.cluster.UpdateClusterRequest;
import io.gantry.api.ecs.cluster.UpdateClusterSettingsRequest;
import io.gantry.model.Arn;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Failure;
import io.gantry.model.KeyValuePair;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.cluster.Cluster;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.server.dispatch.EcsHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.paging.Pages;
import io.gantry.server.placement.ClusterLedger;
import io.gantry.server.placement.ManagedCapacity;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagStore;
import io.gantry.server.tags.Tags;
import io.gantry.server.tasks.StoredTask;
import io.gantry.store.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The cluster operations. Clusters are stored one record per name; a deleted cluster stays as
 * INACTIVE (as ECS shows it) until a cluster of the same name is created again. Thread-safe;
 * every update is a compare-and-set on the cluster's revision.
 */
public final class ClusterHandler implements EcsHandler {
  private static final Set<String> INCLUDE_FIELDS = Set.of("ATTACHMENTS", "CONFIGURATIONS", "SETTINGS", "STATISTICS", "TAGS");
  private final EntityStore store;
  private final TagStore tags;
  private final ClusterRefs refs;
  private final PlacementState placement;
  private final ClusterCapacity capacity;

  public ClusterHandler(EntityStore store, TagStore tags, PlacementState placement) {
    this.store = store;
    this.capacity = new ClusterCapacity(new io.gantry.server.capacity.CapacityProviders(store));
    this.placement = placement;
    this.tags = tags;
    this.refs = new ClusterRefs(store);
  }

  @Override
  public void register(OperationRegistry registry) {
    registry
        .register("CreateCluster", CreateClusterRequest.class, this::create)
        .register("DescribeClusters", DescribeClustersRequest.class, this::describe)
        .register("ListClusters", ListClustersRequest.class, this::list)
        .register("UpdateCluster", UpdateClusterRequest.class, this::update)
        .register("UpdateClusterSettings", UpdateClusterSettingsRequest.class, this::updateSettings)
        .register("PutClusterCapacityProviders", PutClusterCapacityProvidersRequest.class, this::putCapacityProviders)
        .register("DeleteCluster", DeleteClusterRequest.class, this::delete);
  }

  ClusterResponse create(RequestContext ctx, CreateClusterRequest req) {
    Scope scope = ctx.scope();
    String name = req.clusterName() == null || req.clusterName().isEmpty() ? ClusterRefs.DEFAULT : req.clusterName();
    if (!ClusterRefs.validName(name)) {
      throw EcsException.invalidParameter("Cluster name can have up to 255 characters, consisting of letters "
          + "(uppercase and lowercase), numbers, hyphens and underscores.");
    }
    if (ManagedCapacity.isManaged(name)) {
      throw EcsException.invalidParameter("The cluster name " + name + " is reserved for Gantry's managed capacity.");
    }
    List<Tag> newTags = Tags.validate(req.tags());
    var settings = ClusterRules.settings(req.settings());
    var configuration = ClusterRules.configuration(req.configuration());
    List<String> providers = req.capacityProviders() == null ? List.of() : List.copyOf(req.capacityProviders());
    var strategy = req.defaultCapacityProviderStrategy() == null ? List.<io.gantry.model.cluster.CapacityProviderStrategyItem>of()
        : List.copyOf(req.defaultCapacityProviderStrategy());
    String key = StateKeys.cluster(scope, name);
    String arn = Arn.cluster(scope, name);
    Cluster created = store.retry(attempt -> {
      Optional<Versioned<Cluster>> existing = store.get(key, Cluster.class);
      if (existing.isPresent() && Cluster.ACTIVE.equals(existing.get().value().status())) {
        // CreateCluster is idempotent for an active cluster: ECS answers with the existing one.
        return new EntityStore.Attempt<>(null, existing.get().value());
      }
      Cluster cluster = new Cluster(arn, name, configuration, Cluster.ACTIVE, 0, 0, 0, 0, List.of(), null,
          settings == null ? List.of(new io.gantry.model.cluster.ClusterSetting("containerInsights", "disabled")) : settings,
          providers, strategy, List.of(), null, req.serviceConnectDefaults());
      Txn.Builder txn = Txn.builder().unchangedSince(key, existing.map(Versioned::modRevision).orElse(0L))
          .put(key, store.encode(cluster));
      capacity.check(scope, providers, strategy, txn);
      if (newTags.isEmpty()) {
        tags.delete(txn, scope, arn); // a recreated cluster does not inherit the old one's tags
      } else {
        tags.put(txn, scope, arn, newTags);
      }
      return new EntityStore.Attempt<>(txn.build(), cluster);
    });
    return new ClusterResponse(view(scope, created, Set.of("SETTINGS", "CONFIGURATIONS", "TAGS"), true));
  }

  DescribeClustersResponse describe(RequestContext ctx, DescribeClustersRequest req) {
    Scope scope = ctx.scope();
    List<String> asked = req.clusters() == null || req.clusters().isEmpty() ? List.of(ClusterRefs.DEFAULT) : req.clusters();
    if (asked.size() > 100) {
      throw EcsException.invalidParameter("You can describe at most 100 clusters in one call.");
    }
    Set<String> include = req.include() == null ? Set.of() : Set.copyOf(req.include());
    for (String field : include) {
      if (!INCLUDE_FIELDS.contains(field)) {
        throw EcsException.invalidParameter("Invalid include value: " + field + ".");
      }
    }
    List<Cluster> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : asked) {
      Optional<Versioned<Cluster>> cluster = refs.find(scope, ref)
          .filter(c -> !ManagedCapacity.isManaged(c.value().clusterName()));
      if (cluster.isPresent()) {
        found.add(view(scope, cluster.get().value(), include, false));
      } else {
        String name = ClusterRefs.name(scope, ref).orElse(null);
        failures.add(Failure.missing(name != null ? Arn.cluster(scope, name) : ref));
      }
    }
    return new DescribeClustersResponse(found, failures);
  }

  ListClustersResponse list(RequestContext ctx, ListClustersRequest req) {
    List<String> arns = new ArrayList<>();
    for (Versioned<Cluster> v : store.list(StateKeys.clusters(ctx.scope()), Cluster.class)) {
      if (Cluster.ACTIVE.equals(v.value().status()) && !ManagedCapacity.isManaged(v.value().clusterName())) {
        arns.add(v.value().clusterArn());
      }
    }
    arns.sort(null);
    Pages.Page<String> page = Pages.page(arns, a -> a, req.nextToken(), req.maxResults(), 100, 100);
    return new ListClustersResponse(page.items(), page.nextToken());
  }

  ClusterResponse update(RequestContext ctx, UpdateClusterRequest req) {
    var settings = ClusterRules.settings(req.settings());
    var configuration = ClusterRules.configuration(req.configuration());
    Cluster updated = modify(ctx.scope(), req.cluster(), c -> {
      Cluster next = c;
      if (settings != null) {
        next = next.withSettings(ClusterRules.merge(next.settings(), settings));
      }
      if (configuration != null || req.serviceConnectDefaults() != null) {
        next = next.withConfiguration(configuration != null ? configuration : next.configuration(),
            req.serviceConnectDefaults() != null ? req.serviceConnectDefaults() : next.serviceConnectDefaults());
      }
      return next;
    });
    return new ClusterResponse(view(ctx.scope(), updated, Set.of("SETTINGS", "CONFIGURATIONS"), true));
  }

  ClusterResponse updateSettings(RequestContext ctx, UpdateClusterSettingsRequest req) {
    var settings = ClusterRules.settings(req.settings() == null ? List.of() : req.settings());
    Cluster updated = modify(ctx.scope(), req.cluster(), c -> c.withSettings(ClusterRules.merge(c.settings(), settings)));
    return new ClusterResponse(view(ctx.scope(), updated, Set.of("SETTINGS", "CONFIGURATIONS"), true));
  }

  ClusterResponse putCapacityProviders(RequestContext ctx, PutClusterCapacityProvidersRequest req) {
    List<String> providers = req.capacityProviders() == null ? List.of() : List.copyOf(req.capacityProviders());
    var strategy = req.defaultCapacityProviderStrategy() == null
        ? List.<io.gantry.model.cluster.CapacityProviderStrategyItem>of() : List.copyOf(req.defaultCapacityProviderStrategy());
    Scope scope = ctx.scope();
    Cluster updated = store.retry(attempt -> {
      Txn.Builder txn = Txn.builder();
      capacity.check(scope, providers, strategy, txn); // bad providers first, as before the cluster is looked up
      Versioned<Cluster> current = refs.active(scope, req.cluster());
      txn.modRevisionIs(current.key(), current.modRevision());
      capacity.checkRemovals(scope, current.value(), providers);
      Cluster next = current.value().withCapacityProviders(providers, strategy);
      return new EntityStore.Attempt<>(txn.put(current.key(), store.encode(next)).build(), next);
    });
    return new ClusterResponse(view(ctx.scope(), updated, Set.of("SETTINGS", "CONFIGURATIONS"), true));
  }

  /**
   * DeleteCluster in two steps, so that joining a cluster need not rewrite its record: first the
   * cluster is marked DEPROVISIONING (a registration or launch conditioned on its revision then
   * fails and waits for the outcome); then, with nothing able to join, the instance, service and
   * task prefixes are checked and the cluster becomes INACTIVE, or ACTIVE again with the reason.
   */
  ClusterResponse delete(RequestContext ctx, DeleteClusterRequest req) {
    Scope scope = ctx.scope();
    Versioned<Cluster> fenced = store.retry(attempt -> {
      Versioned<Cluster> current = refs.active(scope, req.cluster());
      Cluster deprovisioning = current.value().withStatus(Cluster.DEPROVISIONING);
      Txn txn = Txn.builder().modRevisionIs(current.key(), current.modRevision())
          .put(current.key(), store.encode(deprovisioning)).build();
      return new EntityStore.Attempt<>(txn, current);
    });
    String name = fenced.value().clusterName();
    EcsException refusal = null;
    if (!store.kv().range(StateKeys.containerInstances(scope, name)).isEmpty()) {
      refusal = new EcsException(ErrorCode.CLUSTER_CONTAINS_CONTAINER_INSTANCES,
          "The Cluster cannot be deleted while Container Instances are active or draining.");
    } else if (!store.kv().range(StateKeys.services(scope, name)).isEmpty()) {
      refusal = new EcsException(ErrorCode.CLUSTER_CONTAINS_SERVICES,
          "The Cluster cannot be deleted while Services are active.");
    } else if (activeTasks(scope, name) > 0) {
      refusal = new EcsException(ErrorCode.CLUSTER_CONTAINS_TASKS,
          "The Cluster cannot be deleted while Tasks are active.");
    }
    String outcomeStatus = refusal != null ? Cluster.ACTIVE : Cluster.INACTIVE;
    Cluster outcome = store.retry(attempt -> {
      Versioned<Cluster> now = store.get(fenced.key(), Cluster.class).orElseThrow();
      Cluster next = now.value().withStatus(outcomeStatus);
      return new EntityStore.Attempt<>(Txn.builder().modRevisionIs(now.key(), now.modRevision())
          .put(now.key(), store.encode(next)).build(), next);
    });
    if (refusal != null) {
      throw refusal;
    }
    return new ClusterResponse(view(scope, outcome, Set.of("SETTINGS", "CONFIGURATIONS"), true));
  }

  private Cluster modify(Scope scope, String ref, UnaryOperator<Cluster> change) {
    return store.retry(attempt -> {
      Versioned<Cluster> current = refs.active(scope, ref);
      Cluster next = change.apply(current.value());
      Txn txn = Txn.builder().modRevisionIs(current.key(), current.modRevision())
          .put(current.key(), store.encode(next)).build();
      return new EntityStore.Attempt<>(txn, next);
    });
  }

  /** The cluster as it is shown: live counts, and the optional fields that were asked for. */
  private Cluster view(Scope scope, Cluster c, Set<String> include, boolean alwaysSettings) {
    String name = c.clusterName();
    boolean active = Cluster.ACTIVE.equals(c.status());
    int instances = 0;
    int running = 0;
    int pending = 0;
    if (active) {
      placement.awaitCurrent();
      ClusterLedger ledger = placement.ledger(scope, name);
      instances = ledger.instances().size();
      running = ledger.runningTasks();
      pending = ledger.pendingTasks();
    }
    int services = active ? store.kv().range(StateKeys.services(scope, name)).size() : 0;
    List<KeyValuePair> statistics = include.contains("STATISTICS") ? statistics(services) : List.of();
    List<Tag> tagList = include.contains("TAGS") ? tags.tags(scope, c.clusterArn()) : List.of();
    Cluster shown = c.described(instances, running, pending, services, statistics, tagList,
        alwaysSettings || include.contains("SETTINGS"), include.contains("CONFIGURATIONS"));
    if (include.contains("ATTACHMENTS") && c.capacityProviders() != null && !c.capacityProviders().isEmpty()) {
      shown = shown.withAttachments(new io.gantry.server.capacity.CapacityProviders(store)
          .scalingAttachments(scope, c), "UPDATE_COMPLETE");
    }
    return shown;
  }

  /** Tasks of the cluster that are not STOPPED yet: they keep DeleteCluster from succeeding. */
  private int activeTasks(Scope scope, String cluster) {
    int count = 0;
    for (Versioned<StoredTask> v : store.list(StateKeys.tasks(scope, cluster), StoredTask.class)) {
      if (!"STOPPED".equals(v.value().task().lastStatus())) {
        count++;
      }
    }
    return count;
  }

  private static List<KeyValuePair> statistics(int services) {
    // Task counts by launch type arrive with tasks; until then every task count is zero.
    return List.of(
        new KeyValuePair("runningEC2TasksCount", "0"),
        new KeyValuePair("runningFargateTasksCount", "0"),
        new KeyValuePair("pendingEC2TasksCount", "0"),
        new KeyValuePair("pendingFargateTasksCount", "0"),
        new KeyValuePair("runningExternalTasksCount", "0"),
        new KeyValuePair("pendingExternalTasksCount", "0"),
        new KeyValuePair("activeEC2ServiceCount", Integer.toString(services)),
        new KeyValuePair("activeFargateServiceCount", "0"),
        new KeyValuePair("drainingEC2ServiceCount", "0"),
        new KeyValuePair("drainingFargateServiceCount", "0"),
        new KeyValuePair("activeExternalServiceCount", "0"),
        new KeyValuePair("drainingExternalServiceCount", "0"));
  }
}
