package io.gantry.api.ecs.cluster;

/** DeleteCluster input. */
public record DeleteClusterRequest(String cluster) {}
