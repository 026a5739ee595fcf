package io.gantry.server.services;

import io.gantry.model.cluster.CapacityProviderStrategyItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The scale and rollout decisions of one REPLICA pass: how many tasks of the PRIMARY deployment to
 * start (up to the desired count, within the maximum percent and the per-pass budget), and which
 * tasks to stop — extra PRIMARY tasks beyond the desired count (keeping the capacity-provider
 * split, {@link ScaleIn}) and outdated tasks (older
 * deployments, or on DRAINING instances), those not healthy first, healthy ones only as far as the
 * healthy tasks above the minimum allow. Pure.
 */
final class RolloutStep {
  private RolloutStep() {}

  /** How many PRIMARY tasks to start now. */
  static int launches(int desired, int current, int existing, int maxTotal, int budget) {
    return Math.max(0, Math.min(Math.min(desired - current, maxTotal - existing), budget));
  }

  /**
   * Which tasks to stop now. Outdated tasks are kept while the PRIMARY deployment has failed
   * without a rollback ({@code halted}), unless the service is draining.
   *
   * @param allowance healthy tasks above the minimum: how many healthy tasks may go
   */
  static List<TaskView> stops(List<TaskView> current, List<TaskView> outdated, int desired, boolean halted,
      boolean draining, int allowance, int budget, Predicate<TaskView> healthy) {
    return stops(current, outdated, desired, halted, draining, allowance, budget, healthy, List.of());
  }

  /** As above; extra PRIMARY tasks go so that the rest keep {@code strategy}'s split ({@link ScaleIn}). */
  static List<TaskView> stops(List<TaskView> current, List<TaskView> outdated, int desired, boolean halted,
      boolean draining, int allowance, int budget, Predicate<TaskView> healthy,
      List<CapacityProviderStrategyItem> strategy) {
    Comparator<TaskView> unhealthyFirst = Comparator.comparing(healthy::test);
    List<TaskView> candidates = new ArrayList<>();
    if (current.size() > desired) {
      List<TaskView> byPreference = new ArrayList<>(current);
      byPreference.sort(unhealthyFirst.thenComparing(TaskView::createdAt,
          Comparator.nullsFirst(Comparator.<Instant>naturalOrder()).reversed()));
      candidates.addAll(ScaleIn.extras(byPreference, desired, strategy));
    }
    if (!halted || draining) {
      candidates.addAll(outdated);
    }
    candidates.sort(unhealthyFirst);
    return withinAllowance(candidates, allowance, budget, healthy);
  }

  /** {@code candidates} in order, skipping healthy ones once {@code allowance} is used, at most {@code budget}. */
  static List<TaskView> withinAllowance(List<TaskView> candidates, int allowance, int budget,
      Predicate<TaskView> healthy) {
    List<TaskView> out = new ArrayList<>();
    int left = allowance;
    for (TaskView t : candidates) {
      if (out.size() >= budget) {
        break;
      }
      if (healthy.test(t)) {
        if (left <= 0) {
          continue;
        }
        left--;
      }
      out.add(t);
    }
    return out;
  }
}
