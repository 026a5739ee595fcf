package io.gantry.api.ecs.capacity;

import io.gantry.model.capacity.CapacityProvider;

/** The output of CreateCapacityProvider, UpdateCapacityProvider and DeleteCapacityProvider. */
public record CapacityProviderResponse(CapacityProvider capacityProvider) {}
