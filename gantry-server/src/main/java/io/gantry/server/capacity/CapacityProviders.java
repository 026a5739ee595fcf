package io.gantry.server.capacity;

import io.gantry.api.ecs.service.Service;
import io.gantry.model.Arn;
import io.gantry.model.Scope;
import io.gantry.model.capacity.CapacityProvider;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.cluster.Cluster;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.model.KeyValuePair;
import io.gantry.model.cluster.Attachment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds capacity providers by name or ARN (the built-in FARGATE and FARGATE_SPOT always exist),
 * and who uses one: clusters that have it associated and services whose strategy names it.
 * Thread-safe; reads only.
 */
public final class CapacityProviders {
  private final EntityStore store;

  public CapacityProviders(EntityStore store) {
    this.store = store;
  }

  /** The provider name {@code ref} (a name or an ARN of this scope) stands for; empty when it names none. */
  public static Optional<String> name(Scope scope, String ref) {
    if (ref == null || ref.isEmpty()) {
      return Optional.empty();
    }
    Optional<Arn> arn = Arn.parse(ref);
    if (arn.isPresent()) {
      Arn a = arn.get();
      boolean ours = a.service().equals("ecs") && a.resourceType().equals("capacity-provider")
          && a.accountId().equals(scope.accountId()) && a.region().equals(scope.region());
      return ours && CapacityProviderRules.plausibleName(a.resource()) ? Optional.of(a.resource()) : Optional.empty();
    }
    return CapacityProviderRules.plausibleName(ref) ? Optional.of(ref) : Optional.empty();
  }

  /** A built-in Fargate provider as ECS describes it. */
  public static CapacityProvider builtIn(Scope scope, String name) {
    return new CapacityProvider(Arn.capacityProvider(scope, name), name, CapacityProvider.ACTIVE, null, null, null,
        null, name);
  }

  /** The provider {@code ref} names, stored (any status) or built in. */
  public Optional<CapacityProvider> find(Scope scope, String ref) {
    return name(scope, ref).flatMap(n -> CapacityProvider.builtIn(n) ? Optional.of(builtIn(scope, n))
        : store.get(StateKeys.capacityProvider(scope, n), CapacityProvider.class).map(Versioned::value));
  }

  /** The stored record of provider {@code name}. */
  public Optional<Versioned<CapacityProvider>> stored(Scope scope, String name) {
    return store.get(StateKeys.capacityProvider(scope, name), CapacityProvider.class);
  }

  /** Whether {@code name} is a provider a cluster may use now: built in, or stored and ACTIVE. */
  public boolean usable(Scope scope, String name) {
    return find(scope, name).filter(p -> CapacityProvider.ACTIVE.equals(p.status())
        && (p.updateStatus() == null || !p.updateStatus().startsWith("DELETE"))).isPresent();
  }

  /** Every stored provider and the built-in ones. */
  public List<CapacityProvider> all(Scope scope) {
    List<CapacityProvider> out = new ArrayList<>();
    out.add(builtIn(scope, CapacityProvider.FARGATE));
    out.add(builtIn(scope, CapacityProvider.FARGATE_SPOT));
    for (Versioned<CapacityProvider> v : store.list(StateKeys.capacityProviders(scope), CapacityProvider.class)) {
      out.add(v.value());
    }
    return out;
  }

  /** Every stored cluster of the scope, with its revision. */
  public List<Versioned<Cluster>> clusters(Scope scope) {
    return store.list(StateKeys.clusters(scope), Cluster.class);
  }

  /** Whether {@code cluster} is live and has provider {@code name} associated. */
  public static boolean associated(Cluster cluster, String name) {
    return !Cluster.INACTIVE.equals(cluster.status()) && cluster.capacityProviders() != null
        && cluster.capacityProviders().contains(name);
  }

  /** Whether a live (ACTIVE or DRAINING) service of {@code cluster} names provider {@code name} in its strategy. */
  public boolean usedByServices(Scope scope, String cluster, String name) {
    for (Versioned<ServiceUse> v : store.list(StateKeys.services(scope, cluster), ServiceUse.class)) {
      Service s = v.value().service();
      if (s == null) {
        continue;
      }
      if (names(s.capacityProviderStrategy(), name)
          || s.deployments().stream().anyMatch(d -> names(d.capacityProviderStrategy(), name))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The attachments DescribeClusters shows with {@code include ATTACHMENTS}, as ECS does: one
   * {@code as_policy} attachment (status CREATED) per associated provider with managed scaling
   * ENABLED, naming the provider and its scaling policy ({@code ECSManagedAutoScalingPolicy-UUID};
   * here the hook stands for the policy). Ids are stable per cluster and provider.
   */
  public List<Attachment> scalingAttachments(Scope scope, Cluster cluster) {
    List<Attachment> out = new ArrayList<>();
    for (String name : cluster.capacityProviders() == null ? List.<String>of() : cluster.capacityProviders()) {
      Optional<CapacityProvider> p = stored(scope, name).map(Versioned::value);
      if (p.isEmpty() || p.get().autoScalingGroupProvider() == null
          || !p.get().autoScalingGroupProvider().managedScaling().enabled()) {
        continue;
      }
      String seed = cluster.clusterArn() + "|" + name;
      String id = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
      String policy = UUID.nameUUIDFromBytes((seed + "|policy").getBytes(StandardCharsets.UTF_8)).toString();
      out.add(new Attachment(id, "as_policy", "CREATED", List.of(new KeyValuePair("capacityProviderName", name),
          new KeyValuePair("scalingPolicyName", "ECSManagedAutoScalingPolicy-" + policy))));
    }
    return out;
  }

  /** The service part of a stored service record (the rest is the services package's business). */
  record ServiceUse(Service service) {}

  private static boolean names(List<CapacityProviderStrategyItem> strategy, String name) {
    return strategy != null && strategy.stream().anyMatch(i -> name.equals(i.capacityProvider()));
  }
}
