package io.gantry.server.services;

import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.scheduler.PlacementInputException;
import io.gantry.scheduler.capacity.CapacityProviderSplit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a deployment's tasks go when it runs more than its desired count. Without a
 * capacity-provider strategy: the first ones in the order of preference (unhealthy, then newest).
 * With one: as ECS keeps the strategy's base and weights when a service scales in, first the tasks
 * of providers running more than their share of the desired count (the split of
 * {@link CapacityProviderSplit}), each provider's in the order of preference; then, if that is not
 * enough, the rest in that order. Pure.
 */
final class ScaleIn {
  private ScaleIn() {}

  /**
   * @param byPreference the deployment's tasks, the ones to stop first first
   * @return the {@code byPreference.size() - desired} tasks to stop (none when there are not more than desired)
   */
  static List<TaskView> extras(List<TaskView> byPreference, int desired, List<CapacityProviderStrategyItem> strategy) {
    int extra = byPreference.size() - desired;
    if (extra <= 0) {
      return List.of();
    }
    Map<String, Integer> share = share(strategy, desired);
    if (share == null || byPreference.stream().anyMatch(t -> t.capacityProvider() == null)) {
      return List.copyOf(byPreference.subList(0, extra));
    }
    Map<String, Integer> surplus = new HashMap<>();
    byPreference.forEach(t -> surplus.merge(t.capacityProvider(), 1, Integer::sum));
    share.forEach((provider, n) -> surplus.merge(provider, -n, Integer::sum));
    List<TaskView> out = new ArrayList<>();
    for (TaskView t : byPreference) {
      if (out.size() < extra && surplus.get(t.capacityProvider()) > 0) {
        surplus.merge(t.capacityProvider(), -1, Integer::sum);
        out.add(t);
      }
    }
    for (TaskView t : byPreference) {
      if (out.size() < extra && !out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** Each provider's share of {@code desired} tasks (null without a usable strategy). */
  private static Map<String, Integer> share(List<CapacityProviderStrategyItem> strategy, int desired) {
    if (strategy == null || strategy.isEmpty()) {
      return null;
    }
    try {
      return CapacityProviderSplit.split(strategy, desired);
    } catch (PlacementInputException e) {
      return null;
    }
  }
}
