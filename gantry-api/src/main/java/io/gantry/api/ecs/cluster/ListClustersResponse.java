package io.gantry.api.ecs.cluster;

import java.util.List;

/** ListClusters output. */
public record ListClustersResponse(List<String> clusterArns, String nextToken) {}
