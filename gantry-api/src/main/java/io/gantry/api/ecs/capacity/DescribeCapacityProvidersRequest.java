package io.gantry.api.ecs.capacity;

import java.util.List;

/** DescribeCapacityProviders input: names or ARNs (all when empty), TAGS, paging. */
public record DescribeCapacityProvidersRequest(List<String> capacityProviders, String cluster, List<String> include,
    Integer maxResults, String nextToken) {}
