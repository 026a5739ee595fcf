package io.gantry.model.cluster;

import io.gantry.model.KeyValuePair;
import io.gantry.model.Tag;
import java.util.List;

/**
 * The ECS {@code Cluster} shape. The stored record carries the user's settings; the counts,
 * statistics and tags are filled in when the cluster is described.
 */
public record Cluster(
    String clusterArn,
    String clusterName,
    ClusterConfiguration configuration,
    String status,
    Integer registeredContainerInstancesCount,
    Integer runningTasksCount,
    Integer pendingTasksCount,
    Integer activeServicesCount,
    List<KeyValuePair> statistics,
    List<Tag> tags,
    List<ClusterSetting> settings,
    List<String> capacityProviders,
    List<CapacityProviderStrategyItem> defaultCapacityProviderStrategy,
    List<Attachment> attachments,
    String attachmentsStatus,
    ClusterServiceConnectDefaults serviceConnectDefaults) {

  public static final String ACTIVE = "ACTIVE";
  public static final String INACTIVE = "INACTIVE";
  /** A cluster DeleteCluster is taking down: nothing may join it until it is INACTIVE or ACTIVE again. */
  public static final String DEPROVISIONING = "DEPROVISIONING";

  public Cluster withStatus(String newStatus) {
    return new Cluster(clusterArn, clusterName, configuration, newStatus, registeredContainerInstancesCount,
        runningTasksCount, pendingTasksCount, activeServicesCount, statistics, tags, settings, capacityProviders,
        defaultCapacityProviderStrategy, attachments, attachmentsStatus, serviceConnectDefaults);
  }

  public Cluster withConfiguration(ClusterConfiguration newConfiguration, ClusterServiceConnectDefaults newDefaults) {
    return new Cluster(clusterArn, clusterName, newConfiguration, status, registeredContainerInstancesCount,
        runningTasksCount, pendingTasksCount, activeServicesCount, statistics, tags, settings, capacityProviders,
        defaultCapacityProviderStrategy, attachments, attachmentsStatus, newDefaults);
  }

  public Cluster withSettings(List<ClusterSetting> newSettings) {
    return new Cluster(clusterArn, clusterName, configuration, status, registeredContainerInstancesCount,
        runningTasksCount, pendingTasksCount, activeServicesCount, statistics, tags, newSettings, capacityProviders,
        defaultCapacityProviderStrategy, attachments, attachmentsStatus, serviceConnectDefaults);
  }

  public Cluster withCapacityProviders(List<String> providers, List<CapacityProviderStrategyItem> strategy) {
    return new Cluster(clusterArn, clusterName, configuration, status, registeredContainerInstancesCount,
        runningTasksCount, pendingTasksCount, activeServicesCount, statistics, tags, settings, providers,
        strategy, attachments, attachmentsStatus, serviceConnectDefaults);
  }

  /** This cluster showing {@code shown} attachments with {@code status} (DescribeClusters with ATTACHMENTS). */
  public Cluster withAttachments(List<Attachment> shown, String status) {
    return new Cluster(clusterArn, clusterName, configuration, this.status, registeredContainerInstancesCount,
        runningTasksCount, pendingTasksCount, activeServicesCount, statistics, tags, settings, capacityProviders,
        defaultCapacityProviderStrategy, shown, status, serviceConnectDefaults);
  }

  /** The cluster as Describe shows it: counts, and statistics/tags only when asked for. */
  public Cluster described(int instances, int running, int pending, int services,
      List<KeyValuePair> newStatistics, List<Tag> newTags, boolean withSettings, boolean withConfigurations) {
    return new Cluster(clusterArn, clusterName, withConfigurations ? configuration : null, status, instances, running,
        pending, services, newStatistics, newTags, withSettings ? settings : null, capacityProviders,
        defaultCapacityProviderStrategy, withConfigurations || attachments == null ? attachments : null,
        attachmentsStatus, serviceConnectDefaults);
  }
}
