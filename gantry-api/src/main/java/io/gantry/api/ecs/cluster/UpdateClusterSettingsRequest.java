package io.gantry.api.ecs.cluster;

import io.gantry.model.cluster.ClusterSetting;
import java.util.List;

/** UpdateClusterSettings input. */
public record UpdateClusterSettingsRequest(String cluster, List<ClusterSetting> settings) {}
