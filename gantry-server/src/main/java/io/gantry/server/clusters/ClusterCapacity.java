package io.gantry.server.clusters;

import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Scope;
import io.gantry.model.capacity.CapacityProvider;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.cluster.Cluster;
import io.gantry.scheduler.PlacementInputException;
import io.gantry.scheduler.capacity.CapacityProviderSplit;
import io.gantry.server.capacity.CapacityProviderRules;
import io.gantry.server.capacity.CapacityProviders;
import io.gantry.store.Txn;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A cluster's capacity providers and default strategy as CreateCluster and
 * PutClusterCapacityProviders set them: every provider must exist and be ACTIVE (FARGATE and
 * FARGATE_SPOT always are), at most {@link CapacityProviderRules#MAX_PER_CLUSTER}, the strategy
 * may only use associated ones, and a provider a service uses cannot be removed. Thread-safe.
 */
final class ClusterCapacity {
  static final String IN_USE = "The specified capacity provider is in use and cannot be removed.";
  private final CapacityProviders providers;

  ClusterCapacity(CapacityProviders providers) {
    this.providers = providers;
  }

  /** Checks {@code names} and {@code strategy}; the transaction is conditioned on each stored provider's revision. */
  void check(Scope scope, List<String> names, List<CapacityProviderStrategyItem> strategy, Txn.Builder txn) {
    if (names.size() > CapacityProviderRules.MAX_PER_CLUSTER) {
      throw EcsException.invalidParameter("The maximum number of capacity providers per cluster has been exceeded.");
    }
    Set<String> known = new HashSet<>();
    for (String ref : names) {
      String name = CapacityProviders.name(scope, ref).orElse(ref);
      if (ref != null && !ref.equals(name)) {
        throw EcsException.invalidParameter("Specify capacity providers by name: " + ref + ".");
      }
      if (name != null && providers.usable(scope, name)) {
        known.add(name);
        if (!CapacityProvider.builtIn(name)) {
          providers.stored(scope, name).ifPresent(v -> txn.modRevisionIs(v.key(), v.modRevision()));
        }
      }
    }
    ClusterRules.capacityProviders(names, strategy, known);
    if (!strategy.isEmpty()) {
      try {
        CapacityProviderSplit.validate(strategy);
      } catch (PlacementInputException e) {
        throw EcsException.invalidParameter(e.getMessage());
      }
    }
  }

  /** Refuses to drop a provider from {@code current} that one of its services still uses (ResourceInUseException). */
  void checkRemovals(Scope scope, Cluster current, List<String> next) {
    for (String name : current.capacityProviders() == null ? List.<String>of() : current.capacityProviders()) {
      if (!next.contains(name) && providers.usedByServices(scope, current.clusterName(), name)) {
        throw new EcsException(ErrorCode.RESOURCE_IN_USE, IN_USE);
      }
    }
  }
}
