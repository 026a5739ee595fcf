package io.gantry.api.ecs.cluster;

import io.gantry.model.Failure;
import io.gantry.model.cluster.Cluster;
import java.util.List;

/** DescribeClusters output. */
public record DescribeClustersResponse(List<Cluster> clusters, List<Failure> failures) {}
