package io.gantry.api.ecs.cluster;

import java.util.List;

/** DescribeClusters input: names or ARNs (default: the cluster named {@code default}) and extra fields. */
public record DescribeClustersRequest(List<String> clusters, List<String> include) {}
