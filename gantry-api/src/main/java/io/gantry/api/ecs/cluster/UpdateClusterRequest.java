package io.gantry.api.ecs.cluster;

import io.gantry.model.cluster.ClusterConfiguration;
import io.gantry.model.cluster.ClusterServiceConnectDefaults;
import io.gantry.model.cluster.ClusterSetting;
import java.util.List;

/** UpdateCluster input. */
public record UpdateClusterRequest(
    String cluster,
    List<ClusterSetting> settings,
    ClusterConfiguration configuration,
    ClusterServiceConnectDefaults serviceConnectDefaults) {}
