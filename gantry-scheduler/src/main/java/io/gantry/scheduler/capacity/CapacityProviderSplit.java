package io.gantry.scheduler.capacity;

import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.scheduler.PlacementInputException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a number of tasks over a capacity-provider strategy as ECS does: the one provider with a
 * {@code base} first receives tasks until it runs {@code base} of them; every further task goes
 * to the provider with a positive {@code weight} furthest below its weight's share of the tasks
 * beyond the bases (ties to the provider listed first), so those tasks follow the weights' ratio,
 * each provider within one task of its exact share. Tasks already running per provider count, so a
 * service keeps converging on the ratio. Pure.
 */
public final class CapacityProviderSplit {
  /** The most items a capacity-provider strategy may hold. */
  public static final int MAX_ITEMS = 20;
  public static final int MAX_BASE = 100_000;
  public static final int MAX_WEIGHT = 1_000;

  private CapacityProviderSplit() {}

  /** How many of {@code count} new tasks each provider of {@code strategy} gets, in strategy order. */
  public static Map<String, Integer> split(List<CapacityProviderStrategyItem> strategy, int count) {
    return split(strategy, count, Map.of());
  }

  /**
   * How many of {@code count} new tasks each provider of {@code strategy} gets, in strategy
   * order, given the tasks already {@code running} per provider name.
   *
   * @throws PlacementInputException when the strategy is not one ECS accepts
   */
  public static Map<String, Integer> split(List<CapacityProviderStrategyItem> strategy, int count,
      Map<String, Integer> running) {
    validate(strategy);
    int size = strategy.size();
    int[] base = new int[size];
    int[] weight = new int[size];
    long[] held = new long[size];
    int[] out = new int[size];
    int baseItem = -1;
    for (int p = 0; p < size; p++) {
      CapacityProviderStrategyItem item = strategy.get(p);
      base[p] = item.base() == null ? 0 : item.base();
      weight[p] = item.weight() == null ? 0 : item.weight();
      held[p] = running.getOrDefault(item.capacityProvider(), 0);
      if (base[p] > 0) {
        baseItem = p;
      }
    }
    for (int t = 0; t < count; t++) {
      int p = baseItem >= 0 && held[baseItem] < base[baseItem] ? baseItem : byWeight(base, weight, held);
      held[p]++;
      out[p]++;
    }
    Map<String, Integer> result = new LinkedHashMap<>();
    for (int p = 0; p < size; p++) {
      result.put(strategy.get(p).capacityProvider(), out[p]);
    }
    return java.util.Collections.unmodifiableMap(result);
  }

  /**
   * The weighted provider furthest below its share of the tasks beyond the bases once one more
   * is added (largest {@code (T+1)·weight/W − excess}, ties to the one listed first); the only
   * provider when none has weight. Choosing by that deficit keeps every provider within one task
   * of its exact share at every step (choosing the smallest share after the task instead, as
   * D'Hondt does, lets heavy weights run ahead by more than one).
   */
  private static int byWeight(int[] base, int[] weight, long[] held) {
    long totalWeight = 0;
    long beyond = 0;
    for (int p = 0; p < weight.length; p++) {
      if (weight[p] > 0) {
        totalWeight += weight[p];
        beyond += excess(p, base, held);
      }
    }
    int best = -1;
    long bestDeficit = 0;
    for (int p = 0; p < weight.length; p++) {
      if (weight[p] == 0) {
        continue;
      }
      long deficit = (beyond + 1) * weight[p] - excess(p, base, held) * totalWeight;
      if (best < 0 || deficit > bestDeficit) {
        best = p;
        bestDeficit = deficit;
      }
    }
    return best < 0 ? 0 : best;
  }

  private static long excess(int p, int[] base, long[] held) {
    return Math.max(0, held[p] - base[p]);
  }

  /**
   * Checks {@code strategy} as ECS does: 1 to 20 items naming distinct providers, base 0–100000
   * and weight 0–1000, at most one base above zero, and with several items some weight above zero.
   */
  public static void validate(List<CapacityProviderStrategyItem> strategy) {
    if (strategy == null || strategy.isEmpty()) {
      throw new PlacementInputException("The capacity provider strategy must contain at least one capacity provider.");
    }
    if (strategy.size() > MAX_ITEMS) {
      throw new PlacementInputException("The capacity provider strategy can contain at most " + MAX_ITEMS
          + " capacity providers.");
    }
    Set<String> names = new HashSet<>();
    int withBase = 0;
    boolean weighted = false;
    for (CapacityProviderStrategyItem item : strategy) {
      if (item == null || item.capacityProvider() == null || item.capacityProvider().isBlank()) {
        throw new PlacementInputException("Each capacity provider strategy item must name a capacity provider.");
      }
      if (!names.add(item.capacityProvider())) {
        throw new PlacementInputException("The capacity provider " + item.capacityProvider()
            + " appears more than once in the capacity provider strategy.");
      }
      int base = item.base() == null ? 0 : item.base();
      int weight = item.weight() == null ? 0 : item.weight();
      if (base < 0 || base > MAX_BASE) {
        throw new PlacementInputException("The base of capacity provider " + item.capacityProvider()
            + " must be between 0 and " + MAX_BASE + ".");
      }
      if (weight < 0 || weight > MAX_WEIGHT) {
        throw new PlacementInputException("The weight of capacity provider " + item.capacityProvider()
            + " must be between 0 and " + MAX_WEIGHT + ".");
      }
      withBase += base > 0 ? 1 : 0;
      weighted |= weight > 0;
    }
    if (withBase > 1) {
      throw new PlacementInputException("Only one capacity provider in a capacity provider strategy can have a base.");
    }
    if (strategy.size() > 1 && !weighted) {
      throw new PlacementInputException(
          "At least one capacity provider in a capacity provider strategy must have a weight greater than zero.");
    }
  }
}
