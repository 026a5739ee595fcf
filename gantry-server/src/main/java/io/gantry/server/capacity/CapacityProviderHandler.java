package io.gantry.server.capacity;

import io.gantry.api.ecs.capacity.CapacityProviderResponse;
import io.gantry.api.ecs.capacity.CreateCapacityProviderRequest;
import io.gantry.api.ecs.capacity.DeleteCapacityProviderRequest;
import io.gantry.api.ecs.capacity.DescribeCapacityProvidersRequest;
import io.gantry.api.ecs.capacity.DescribeCapacityProvidersResponse;
import io.gantry.api.ecs.capacity.UpdateCapacityProviderRequest;
import io.gantry.model.Arn;
import io.gantry.model.EcsException;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.capacity.AutoScalingGroupProvider;
import io.gantry.model.capacity.CapacityProvider;
import io.gantry.server.dispatch.EcsHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.paging.Pages;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagStore;
import io.gantry.server.tags.Tags;
import io.gantry.store.Txn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The capacity-provider operations. A provider is one record per name; a deleted one stays
 * INACTIVE (describable by name) until the name is created again. The built-in FARGATE and
 * FARGATE_SPOT are not stored and cannot be changed. Thread-safe; every write is a
 * compare-and-set.
 */
public final class CapacityProviderHandler implements EcsHandler {
  static final String IN_USE = "The specified capacity provider is in use and cannot be removed.";
  static final String EXISTS = "The specified capacity provider already exists. To change the configuration of an "
      + "existing capacity provider, update the capacity provider.";
  private final EntityStore store;
  private final TagStore tags;
  private final CapacityProviders providers;

  public CapacityProviderHandler(EntityStore store, TagStore tags) {
    this.store = store;
    this.tags = tags;
    this.providers = new CapacityProviders(store);
  }

  @Override
  public void register(OperationRegistry registry) {
    registry
        .register("CreateCapacityProvider", CreateCapacityProviderRequest.class, this::create)
        .register("DescribeCapacityProviders", DescribeCapacityProvidersRequest.class, this::describe)
        .register("UpdateCapacityProvider", UpdateCapacityProviderRequest.class, this::update)
        .register("DeleteCapacityProvider", DeleteCapacityProviderRequest.class, this::delete);
  }

  CapacityProviderResponse create(RequestContext ctx, CreateCapacityProviderRequest req) {
    Scope scope = ctx.scope();
    String name = CapacityProviderRules.name(req.name());
    if (req.managedInstancesProvider() != null || req.cluster() != null) {
      throw EcsException.invalidParameter("Gantry does not create Amazon ECS Managed Instances capacity providers.");
    }
    AutoScalingGroupProvider group = CapacityProviderRules.create(req.autoScalingGroupProvider());
    List<Tag> newTags = Tags.validate(req.tags());
    String key = StateKeys.capacityProvider(scope, name);
    String arn = Arn.capacityProvider(scope, name);
    CapacityProvider created = store.retry(attempt -> {
      Optional<Versioned<CapacityProvider>> existing = providers.stored(scope, name);
      if (existing.isPresent() && !CapacityProvider.INACTIVE.equals(existing.get().value().status())) {
        throw EcsException.client(EXISTS);
      }
      for (CapacityProvider other : providers.all(scope)) {
        if (CapacityProvider.ACTIVE.equals(other.status()) && other.autoScalingGroupProvider() != null
            && other.autoScalingGroupProvider().autoScalingGroupArn().equals(group.autoScalingGroupArn())) {
          throw EcsException.client("The specified Auto Scaling group is already in use by the capacity provider "
              + other.name() + ".");
        }
      }
      CapacityProvider provider = new CapacityProvider(arn, name, CapacityProvider.ACTIVE, group, null, null, null,
          CapacityProvider.EC2_AUTOSCALING);
      Txn.Builder txn = Txn.builder().unchangedSince(key, existing.map(Versioned::modRevision).orElse(0L))
          .put(key, store.encode(provider));
      if (newTags.isEmpty()) {
        tags.delete(txn, scope, arn);
      } else {
        tags.put(txn, scope, arn, newTags);
      }
      return new EntityStore.Attempt<>(txn.build(), provider.withTags(newTags));
    });
    return new CapacityProviderResponse(created);
  }

  DescribeCapacityProvidersResponse describe(RequestContext ctx, DescribeCapacityProvidersRequest req) {
    Scope scope = ctx.scope();
    Set<String> include = req.include() == null ? Set.of() : Set.copyOf(req.include());
    for (String field : include) {
      if (!"TAGS".equals(field)) {
        throw EcsException.invalidParameter("Invalid include value: " + field + ".");
      }
    }
    List<CapacityProvider> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    if (req.capacityProviders() == null || req.capacityProviders().isEmpty()) {
      providers.all(scope).stream().filter(p -> !CapacityProvider.INACTIVE.equals(p.status())).forEach(found::add);
    } else {
      if (req.capacityProviders().size() > CapacityProviderRules.MAX_DESCRIBE) {
        throw EcsException.invalidParameter("You can describe at most " + CapacityProviderRules.MAX_DESCRIBE
            + " capacity providers in one call.");
      }
      for (String ref : req.capacityProviders()) {
        Optional<CapacityProvider> p = providers.find(scope, ref);
        if (p.isPresent()) {
          if (found.stream().noneMatch(f -> f.name().equals(p.get().name()))) {
            found.add(p.get());
          }
        } else {
          failures.add(Failure.missing(CapacityProviders.name(scope, ref).map(n -> Arn.capacityProvider(scope, n))
              .orElse(ref)));
        }
      }
    }
    found.sort(Comparator.comparing(CapacityProvider::name));
    Pages.Page<CapacityProvider> page = Pages.page(found, CapacityProvider::name, req.nextToken(), req.maxResults(),
        10, 10);
    List<CapacityProvider> shown = page.items().stream()
        .map(p -> p.withTags(include.contains("TAGS") && !CapacityProvider.builtIn(p.name())
            ? tags.tags(scope, p.capacityProviderArn()) : null))
        .toList();
    return new DescribeCapacityProvidersResponse(shown, failures, page.nextToken());
  }

  CapacityProviderResponse update(RequestContext ctx, UpdateCapacityProviderRequest req) {
    Scope scope = ctx.scope();
    String name = existingName(scope, req.name());
    if (req.managedInstancesProvider() != null) {
      throw EcsException.invalidParameter("Gantry does not create Amazon ECS Managed Instances capacity providers.");
    }
    if (req.autoScalingGroupProvider() == null) {
      throw EcsException.invalidParameter("The autoScalingGroupProvider must be specified.");
    }
    UpdateCapacityProviderRequest.Update u = req.autoScalingGroupProvider();
    CapacityProvider updated = store.retry(attempt -> {
      Versioned<CapacityProvider> current = activeOrThrow(scope, name);
      AutoScalingGroupProvider group = CapacityProviderRules.update(current.value().autoScalingGroupProvider(),
          u.managedScaling(), u.managedTerminationProtection(), u.managedDraining());
      CapacityProvider next = current.value().withGroup(group, "UPDATE_COMPLETE");
      return new EntityStore.Attempt<>(write(current, next), next);
    });
    return new CapacityProviderResponse(updated.withTags(tags.tags(scope, updated.capacityProviderArn())));
  }

  /**
   * DeleteCapacityProvider: refused while a cluster has the provider associated or a service
   * uses it; otherwise the record becomes INACTIVE (DELETE_COMPLETE) and the call answers, as
   * ECS does, with the provider ACTIVE and DELETE_IN_PROGRESS.
   */
  CapacityProviderResponse delete(RequestContext ctx, DeleteCapacityProviderRequest req) {
    Scope scope = ctx.scope();
    String name = existingName(scope, req.capacityProvider());
    if (CapacityProvider.builtIn(name)) {
      throw EcsException.invalidParameter("The FARGATE and FARGATE_SPOT capacity providers cannot be deleted.");
    }
    CapacityProvider answer = store.retry(attempt -> {
      Versioned<CapacityProvider> current = activeOrThrow(scope, name);
      Txn.Builder txn = Txn.builder();
      for (Versioned<io.gantry.model.cluster.Cluster> c : providers.clusters(scope)) {
        if (CapacityProviders.associated(c.value(), name)) {
          throw EcsException.client(IN_USE);
        }
        txn.modRevisionIs(c.key(), c.modRevision()); // an association committed meanwhile wins
      }
      CapacityProvider gone = current.value().withStatus(CapacityProvider.INACTIVE, "DELETE_COMPLETE");
      txn.modRevisionIs(current.key(), current.modRevision()).put(current.key(), store.encode(gone));
      return new EntityStore.Attempt<>(txn.build(),
          current.value().withStatus(CapacityProvider.ACTIVE, "DELETE_IN_PROGRESS"));
    });
    return new CapacityProviderResponse(answer.withTags(tags.tags(scope, answer.capacityProviderArn())));
  }

  private String existingName(Scope scope, String ref) {
    if (ref == null || ref.isEmpty()) {
      throw EcsException.invalidParameter("A capacity provider must be specified.");
    }
    return CapacityProviders.name(scope, ref).orElseThrow(CapacityProviderHandler::notFound);
  }

  private Versioned<CapacityProvider> activeOrThrow(Scope scope, String name) {
    if (CapacityProvider.builtIn(name)) {
      throw EcsException.invalidParameter("The FARGATE and FARGATE_SPOT capacity providers cannot be changed.");
    }
    return providers.stored(scope, name).filter(v -> CapacityProvider.ACTIVE.equals(v.value().status()))
        .orElseThrow(CapacityProviderHandler::notFound);
  }

  private static EcsException notFound() {
    return EcsException.client("The specified capacity provider does not exist. Specify a valid name or ARN and try "
        + "again.");
  }

  private Txn write(Versioned<CapacityProvider> current, CapacityProvider next) {
    return Txn.builder().modRevisionIs(current.key(), current.modRevision()).put(current.key(), store.encode(next))
        .build();
  }
}
