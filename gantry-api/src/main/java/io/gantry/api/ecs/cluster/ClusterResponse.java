package io.gantry.api.ecs.cluster;

import io.gantry.model.cluster.Cluster;

/** The output of CreateCluster, UpdateCluster, UpdateClusterSettings, PutClusterCapacityProviders and DeleteCluster. */
public record ClusterResponse(Cluster cluster) {}
