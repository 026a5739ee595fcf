package io.gantry.api.ecs.capacity;

import io.gantry.model.Failure;
import io.gantry.model.capacity.CapacityProvider;
import java.util.List;

/** DescribeCapacityProviders output. */
public record DescribeCapacityProvidersResponse(List<CapacityProvider> capacityProviders, List<Failure> failures,
    String nextToken) {}
