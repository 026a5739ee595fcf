package io.gantry.model.cluster;

/** One entry of a capacity-provider strategy: provider name, weight 0–1000, base 0–100000. */
public record CapacityProviderStrategyItem(String capacityProvider, Integer weight, Integer base) {}
