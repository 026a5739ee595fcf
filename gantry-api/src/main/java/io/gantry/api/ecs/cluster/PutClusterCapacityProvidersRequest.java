package io.gantry.api.ecs.cluster;

import io.gantry.model.cluster.CapacityProviderStrategyItem;
import java.util.List;

/** PutClusterCapacityProviders input. */
public record PutClusterCapacityProvidersRequest(
    String cluster, List<String> capacityProviders, List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy) {}
