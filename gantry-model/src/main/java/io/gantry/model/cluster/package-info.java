/** Clusters: the ECS {@code Cluster} shape and its settings, configuration and capacity-provider strategy. */
package io.gantry.model.cluster;
