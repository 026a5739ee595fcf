package io.gantry.api.ecs.cluster;

/** ListClusters input. */
public record ListClustersRequest(String nextToken, Integer maxResults) {}
