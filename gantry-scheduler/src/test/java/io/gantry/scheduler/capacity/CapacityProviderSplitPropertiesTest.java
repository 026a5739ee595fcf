package io.gantry.scheduler.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.model.cluster.CapacityProviderStrategyItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the split for any valid strategy and count: every task goes somewhere, the base
 * provider gets its base first, weight-0 providers get nothing beyond a base, and beyond the
 * base each provider's tasks are within one of its weight's share.
 */
class CapacityProviderSplitPropertiesTest {

  record Case(List<CapacityProviderStrategyItem> strategy, int count) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<List<Integer>> weights = Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(6)
        .filter(w -> w.size() == 1 || w.stream().anyMatch(x -> x > 0));
    return Combinators.combine(weights, Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 30),
        Arbitraries.integers().between(0, 200)).as((w, baseAt, base, count) -> {
          List<CapacityProviderStrategyItem> items = new ArrayList<>();
          for (int i = 0; i < w.size(); i++) {
            items.add(new CapacityProviderStrategyItem("cp" + i, w.get(i), i == baseAt % w.size() ? base : 0));
          }
          return new Case(items, count);
        });
  }

  @Property(tries = 500)
  void sumBaseAndShares(@ForAll("cases") Case c) {
    Map<String, Integer> split = CapacityProviderSplit.split(c.strategy(), c.count());
    assertThat(split.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(c.count());
    CapacityProviderStrategyItem withBase = c.strategy().stream().filter(i -> i.base() > 0).findFirst().orElse(null);
    int base = withBase == null ? 0 : Math.min(withBase.base(), c.count());
    if (withBase != null) {
      assertThat(split.get(withBase.capacityProvider())).isGreaterThanOrEqualTo(base);
    }
    int rest = c.count() - base;
    long totalWeight = c.strategy().stream().mapToLong(CapacityProviderStrategyItem::weight).sum();
    for (CapacityProviderStrategyItem item : c.strategy()) {
      int beyondBase = split.get(item.capacityProvider()) - (item == withBase ? base : 0);
      if (totalWeight == 0) {
        continue; // a single weightless provider takes everything
      }
      double share = (double) rest * item.weight() / totalWeight;
      assertThat((double) beyondBase).as("%s of %s", item, c).isBetween(share - 1, share + 1);
    }
  }
}
