package io.gantry.api.ecs.capacity;

/** DeleteCapacityProvider input: a name or ARN. */
public record DeleteCapacityProviderRequest(String capacityProvider, String cluster) {}
