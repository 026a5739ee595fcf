package io.gantry.scheduler.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.scheduler.PlacementInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Base first, then by weight, counting what already runs; and the ECS validation of strategies. */
class CapacityProviderSplitTest {

  private static CapacityProviderStrategyItem item(String name, Integer weight, Integer base) {
    return new CapacityProviderStrategyItem(name, weight, base);
  }

  @Test
  void weightsSetTheRatio() {
    List<CapacityProviderStrategyItem> s = List.of(item("A", 1, null), item("B", 4, null));
    assertThat(CapacityProviderSplit.split(s, 10)).containsExactly(Map.entry("A", 2), Map.entry("B", 8));
    assertThat(CapacityProviderSplit.split(s, 5)).containsExactly(Map.entry("A", 1), Map.entry("B", 4));
  }

  @Test
  void baseIsSatisfiedFirstAndDoesNotCountTowardTheWeights() {
    List<CapacityProviderStrategyItem> s = List.of(item("A", 1, 2), item("B", 1, 0));
    assertThat(CapacityProviderSplit.split(s, 10)).containsExactly(Map.entry("A", 6), Map.entry("B", 4));
    assertThat(CapacityProviderSplit.split(s, 1)).containsExactly(Map.entry("A", 1), Map.entry("B", 0));
    assertThat(CapacityProviderSplit.split(s, 2)).containsExactly(Map.entry("A", 2), Map.entry("B", 0));
  }

  @Test
  void aBaseOnlyProviderGetsNothingBeyondItsBase() {
    List<CapacityProviderStrategyItem> s = List.of(item("ondemand", 0, 3), item("spot", 1, null));
    assertThat(CapacityProviderSplit.split(s, 10)).containsExactly(Map.entry("ondemand", 3), Map.entry("spot", 7));
  }

  @Test
  void equalWeightsAlternateStartingWithTheFirstListed() {
    List<CapacityProviderStrategyItem> s = List.of(item("A", 1, null), item("B", 1, null));
    assertThat(CapacityProviderSplit.split(s, 3)).containsExactly(Map.entry("A", 2), Map.entry("B", 1));
  }

  @Test
  void runningTasksCountTowardBaseAndRatio() {
    List<CapacityProviderStrategyItem> s = List.of(item("A", 1, 2), item("B", 1, 0));
    assertThat(CapacityProviderSplit.split(s, 2, Map.of("A", 2))).containsExactly(Map.entry("A", 1), Map.entry("B", 1));
    assertThat(CapacityProviderSplit.split(s, 2, Map.of("A", 2, "B", 3))).containsExactly(Map.entry("A", 2),
        Map.entry("B", 0));
  }

  @Test
  void aSingleProviderTakesEverythingEvenWithoutWeight() {
    assertThat(CapacityProviderSplit.split(List.of(item("A", null, null)), 4)).containsExactly(Map.entry("A", 4));
    assertThat(CapacityProviderSplit.split(List.of(item("A", 0, 1)), 4)).containsExactly(Map.entry("A", 4));
  }

  @Test
  void zeroTasksSplitToZero() {
    assertThat(CapacityProviderSplit.split(List.of(item("A", 1, 5)), 0)).containsExactly(Map.entry("A", 0));
  }

  @Test
  void refusesWhatEcsRefuses() {
    List<CapacityProviderStrategyItem> many = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      many.add(item("p" + i, 1, null));
    }
    for (List<CapacityProviderStrategyItem> bad : List.<List<CapacityProviderStrategyItem>>of(List.of(), many,
        List.of(item("A", 1, 1), item("B", 1, 1)), List.of(item("A", 0, null), item("B", 0, null)),
        List.of(item("A", 1, null), item("A", 2, null)), List.of(item(null, 1, null)), List.of(item("A", 1001, null)),
        List.of(item("A", 1, 100_001)), List.of(item("A", -1, null)), Collections.singletonList(null))) {
      assertThatThrownBy(() -> CapacityProviderSplit.split(bad, 1)).as(String.valueOf(bad))
          .isInstanceOf(PlacementInputException.class);
    }
    assertThatThrownBy(() -> CapacityProviderSplit.validate(List.of(item("A", 1, 1), item("B", 1, 1))))
        .hasMessage("Only one capacity provider in a capacity provider strategy can have a base.");
  }

  @Test
  void twentyItemsAreAllowed() {
    List<CapacityProviderStrategyItem> twenty = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      twenty.add(item("p" + i, 1, null));
    }
    assertThat(CapacityProviderSplit.split(twenty, 40).values()).containsOnly(2);
  }
}
