package io.gantry.model.cluster;

/** The default Service Connect namespace of a cluster (request and response shapes share it). */
public record ClusterServiceConnectDefaults(String namespace) {}
