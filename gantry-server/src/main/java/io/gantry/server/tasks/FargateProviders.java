package io.gantry.server.tasks;

import io.gantry.model.EcsException;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import java.util.List;
import java.util.Set;

/**
 * The interim entry point for FARGATE_SPOT: a RunTask capacity-provider strategy made of exactly
 * one of the built-in providers FARGATE and FARGATE_SPOT runs its tasks on managed capacity with
 * that provider name. Any other strategy is left to the caller (which refuses it until strategies
 * are split by base and weight). The provider must be associated with the cluster, as in ECS. Pure.
 */
final class FargateProviders {
  static final Set<String> BUILT_IN = Set.of("FARGATE", StoredTask.FARGATE_SPOT);

  private FargateProviders() {}

  /** The provider of a one-item FARGATE or FARGATE_SPOT strategy; null for any other strategy. */
  static String single(String launchType, List<CapacityProviderStrategyItem> strategy, List<String> associated) {
    if (strategy.size() != 1 || strategy.get(0) == null || !BUILT_IN.contains(strategy.get(0).capacityProvider())) {
      return null;
    }
    if (launchType != null) {
      throw EcsException.invalidParameter("Specifying both a launch type and capacity provider strategy is not "
          + "supported. Remove one and try again.");
    }
    String provider = strategy.get(0).capacityProvider();
    if (associated == null || !associated.contains(provider)) {
      throw EcsException.invalidParameter("The specified capacity provider strategy cannot contain a capacity "
          + "provider that is not associated with the cluster. Associate the capacity provider with the cluster or "
          + "specify a valid capacity provider and try again.");
    }
    return provider;
  }
}
