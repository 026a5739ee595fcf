package io.gantry.server.clusters;

import io.gantry.model.EcsException;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.cluster.ClusterConfiguration;
import io.gantry.model.cluster.ClusterSetting;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ECS's rules for cluster settings, configuration and capacity-provider strategies. Pure. */
public final class ClusterRules {
  private static final Set<String> INSIGHTS_VALUES = Set.of("enabled", "disabled", "enhanced");
  private static final int MAX_STRATEGY_ITEMS = 20;
  /** ECS's words for a strategy that names a provider the cluster does not have. */
  public static final String NOT_ASSOCIATED = "The specified capacity provider strategy cannot contain a capacity "
      + "provider that is not associated with the cluster. Associate the capacity provider with the cluster or "
      + "specify a valid capacity provider and try again.";

  private ClusterRules() {}

  static List<ClusterSetting> settings(List<ClusterSetting> settings) {
    if (settings == null) {
      return null;
    }
    for (ClusterSetting s : settings) {
      if (s == null || !"containerInsights".equals(s.name())) {
        throw EcsException.invalidParameter("Cluster setting name must be containerInsights.");
      }
      if (s.value() == null || !INSIGHTS_VALUES.contains(s.value())) {
        throw EcsException.invalidParameter(
            "Invalid value for containerInsights: '" + s.value() + "'. Valid values are enabled, disabled and enhanced.");
      }
    }
    return List.copyOf(settings);
  }

  /** Settings merged by name: later values replace earlier ones. */
  static List<ClusterSetting> merge(List<ClusterSetting> current, List<ClusterSetting> updates) {
    java.util.LinkedHashMap<String, ClusterSetting> byName = new java.util.LinkedHashMap<>();
    for (ClusterSetting s : current == null ? List.<ClusterSetting>of() : current) {
      byName.put(s.name(), s);
    }
    for (ClusterSetting s : updates) {
      byName.put(s.name(), s);
    }
    return List.copyOf(byName.values());
  }

  static ClusterConfiguration configuration(ClusterConfiguration configuration) {
    if (configuration == null || configuration.executeCommandConfiguration() == null) {
      return configuration;
    }
    var exec = configuration.executeCommandConfiguration();
    if (exec.logging() != null && !Set.of("NONE", "DEFAULT", "OVERRIDE").contains(exec.logging())) {
      throw EcsException.invalidParameter("executeCommandConfiguration.logging must be one of NONE, DEFAULT, OVERRIDE.");
    }
    if ("OVERRIDE".equals(exec.logging()) && exec.logConfiguration() == null) {
      throw EcsException.invalidParameter(
          "The logConfiguration must be specified when the logging value is OVERRIDE.");
    }
    if (!"OVERRIDE".equals(exec.logging()) && exec.logConfiguration() != null) {
      throw EcsException.invalidParameter(
          "The logConfiguration can only be specified when the logging value is OVERRIDE.");
    }
    return configuration;
  }

  /** Validates providers (known names, no duplicates) and a default strategy that uses only them. */
  static void capacityProviders(List<String> providers, List<CapacityProviderStrategyItem> strategy, Set<String> known) {
    Set<String> seen = new HashSet<>();
    for (String p : providers) {
      if (p == null || !known.contains(p)) {
        throw EcsException.invalidParameter("The specified capacity provider '" + p + "' does not exist. "
            + "Specify a valid name or ARN and try again.");
      }
      if (!seen.add(p)) {
        throw EcsException.invalidParameter("The specified capacity providers contain duplicates: " + p + ".");
      }
    }
    strategy(strategy, seen);
  }

  public static void strategy(List<CapacityProviderStrategyItem> strategy, Set<String> allowed) {
    if (strategy.size() > MAX_STRATEGY_ITEMS) {
      throw EcsException.invalidParameter("The capacity provider strategy can contain at most " + MAX_STRATEGY_ITEMS + " items.");
    }
    Set<String> names = new HashSet<>();
    int withBase = 0;
    for (CapacityProviderStrategyItem item : strategy) {
      if (item == null || item.capacityProvider() == null) {
        throw EcsException.invalidParameter("capacityProvider must be specified in a capacity provider strategy item.");
      }
      if (!allowed.contains(item.capacityProvider())) {
        throw EcsException.invalidParameter(NOT_ASSOCIATED);
      }
      if (!names.add(item.capacityProvider())) {
        throw EcsException.invalidParameter("The capacity provider strategy contains a duplicate capacity provider: "
            + item.capacityProvider() + ".");
      }
      if (item.weight() != null && (item.weight() < 0 || item.weight() > 1000)) {
        throw EcsException.invalidParameter("The capacity provider strategy weight must be between 0 and 1000.");
      }
      if (item.base() != null && (item.base() < 0 || item.base() > 100000)) {
        throw EcsException.invalidParameter("The capacity provider strategy base must be between 0 and 100000.");
      }
      if (item.base() != null && item.base() > 0) {
        withBase++;
      }
    }
    if (withBase > 1) {
      throw EcsException.invalidParameter("Only one capacity provider in a strategy can have a base defined.");
    }
  }
}
