package io.gantry.api.ecs.cluster;

import io.gantry.model.Tag;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.cluster.ClusterConfiguration;
import io.gantry.model.cluster.ClusterServiceConnectDefaults;
import io.gantry.model.cluster.ClusterSetting;
import java.util.List;

/** CreateCluster input. */
public record CreateClusterRequest(
    String clusterName,
    List<Tag> tags,
    List<ClusterSetting> settings,
    ClusterConfiguration configuration,
    List<String> capacityProviders,
    List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy,
    ClusterServiceConnectDefaults serviceConnectDefaults) {}
