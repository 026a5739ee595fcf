package io.gantry.server.tasks;

import io.gantry.model.EcsException;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.cluster.Cluster;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.scheduler.PlacementInputException;
import io.gantry.scheduler.capacity.CapacityProviderSplit;
import io.gantry.server.clusters.ClusterRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * How a launch uses capacity providers, as ECS decides it: the strategy given, else (with no
 * launch type either) the cluster's default strategy, else none (launch type EC2); a strategy
 * may only name providers associated with the cluster; and the split of a count over the
 * strategy's providers ({@link CapacityProviderSplit}: base first, then by weight, counting the
 * tasks each provider already runs) into {@link LaunchTarget} parts. Pure.
 */
final class CapacityPlacement {
  private CapacityPlacement() {}

  /** One provider's share of a launch. */
  record Part(LaunchTarget target, int count) {}

  /** The strategy a launch uses (empty: it launches by launch type). */
  static List<CapacityProviderStrategyItem> strategy(List<CapacityProviderStrategyItem> given, String launchType,
      Cluster cluster) {
    List<CapacityProviderStrategyItem> strategy = given != null && !given.isEmpty() ? List.copyOf(given)
        : launchType == null && cluster.defaultCapacityProviderStrategy() != null
            ? List.copyOf(cluster.defaultCapacityProviderStrategy()) : List.of();
    if (strategy.isEmpty()) {
      return strategy;
    }
    try {
      CapacityProviderSplit.validate(strategy);
    } catch (PlacementInputException e) {
      throw EcsException.invalidParameter(e.getMessage());
    }
    ClusterRules.strategy(strategy, new HashSet<>(cluster.capacityProviders() == null ? List.of()
        : cluster.capacityProviders()));
    return strategy;
  }

  /**
   * Refuses a strategy with EC2 providers the task definition cannot run on (it must be
   * EC2-compatible); FARGATE / FARGATE_SPOT parts are checked (compatibility and ECS's FARGATE
   * rules) only when the split gives them tasks, before anything is placed ({@code
   * TaskLauncher.fargateParts}).
   */
  static void compatible(List<CapacityProviderStrategyItem> strategy, TaskDefinition td) {
    for (CapacityProviderStrategyItem item : strategy) {
      String type = LaunchTarget.of(item.capacityProvider()).launchType();
      if (!LaunchTarget.FARGATE.equals(type) && td.compatibilities() != null && !td.compatibilities().contains(type)) {
        throw EcsException.invalidParameter("Task definition does not support launch_type " + type + ".");
      }
    }
  }

  /** Whether {@code strategy} names FARGATE or FARGATE_SPOT (parts that run on managed capacity). */
  static boolean hasFargate(List<CapacityProviderStrategyItem> strategy) {
    return strategy.stream().anyMatch(i -> LaunchTarget.of(i.capacityProvider()).fargate());
  }

  /** Whether {@code strategy} names a provider of container instances (parts that run in the cluster). */
  static boolean hasInstances(List<CapacityProviderStrategyItem> strategy) {
    return strategy.stream().anyMatch(i -> !LaunchTarget.of(i.capacityProvider()).fargate());
  }

  /** {@code count} new tasks split over {@code strategy}, given the tasks already {@code running} per provider; parts with no task are left out. */
  static List<Part> parts(List<CapacityProviderStrategyItem> strategy, int count, Map<String, Integer> running) {
    List<Part> out = new ArrayList<>();
    CapacityProviderSplit.split(strategy, count, running).forEach((name, n) -> {
      if (n > 0) {
        out.add(new Part(LaunchTarget.of(name), n));
      }
    });
    return out;
  }
}
