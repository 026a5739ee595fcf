package io.gantry.server.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.TaskStatus;
import io.gantry.scheduler.capacity.CapacityProviderSplit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ScaleInTest {
  static final List<CapacityProviderStrategyItem> STRATEGY = List.of(
      new CapacityProviderStrategyItem("ondemand", 1, 2), new CapacityProviderStrategyItem("spot", 3, 0));

  @Test
  void theTasksLeftKeepTheStrategysBaseAndWeights() {
    // twelve tasks, the newest (first in preference) all on-demand: newest-first alone would keep only spot
    List<TaskView> byPreference = new ArrayList<>();
    add(byPreference, "ondemand", 6);
    add(byPreference, "spot", 6);

    List<TaskView> stops = ScaleIn.extras(byPreference, 6, STRATEGY);

    assertThat(stops).hasSize(6);
    assertThat(left(byPreference, stops)).isEqualTo(Map.of("ondemand", 3L, "spot", 3L))
        .isEqualTo(asLongs(CapacityProviderSplit.split(STRATEGY, 6)));
    assertThat(stops).extracting(TaskView::id).containsExactly("ondemand-0", "ondemand-1", "ondemand-2",
        "spot-0", "spot-1", "spot-2");
  }

  @Test
  void withoutAStrategyTheFirstInPreferenceGo() {
    List<TaskView> byPreference = new ArrayList<>();
    add(byPreference, null, 5);

    assertThat(ScaleIn.extras(byPreference, 2, List.of())).extracting(TaskView::id)
        .containsExactly("none-0", "none-1", "none-2");
    assertThat(ScaleIn.extras(byPreference, 5, STRATEGY)).isEmpty();
  }

  @Property(tries = 300)
  void whenEveryProviderHoldsItsShareTheRestIsExactlyTheSplit(@ForAll @IntRange(min = 0, max = 40) int desired,
      @ForAll @IntRange(min = 0, max = 20) int moreOnDemand, @ForAll @IntRange(min = 0, max = 20) int moreSpot) {
    Map<String, Integer> share = CapacityProviderSplit.split(STRATEGY, desired);
    List<TaskView> byPreference = new ArrayList<>();
    add(byPreference, "spot", share.get("spot") + moreSpot);
    add(byPreference, "ondemand", share.get("ondemand") + moreOnDemand);

    List<TaskView> stops = ScaleIn.extras(byPreference, desired, STRATEGY);

    assertThat(stops).hasSize(moreOnDemand + moreSpot);
    Map<String, Long> expected = new HashMap<>(asLongs(share));
    expected.values().removeIf(v -> v == 0);
    assertThat(left(byPreference, stops)).isEqualTo(expected);
  }

  @Property(tries = 200)
  void exactlyTheExtraTasksGoWhateverTheMix(@ForAll @IntRange(min = 0, max = 30) int desired,
      @ForAll @IntRange(min = 0, max = 30) int onDemand, @ForAll @IntRange(min = 0, max = 30) int spot) {
    List<TaskView> byPreference = new ArrayList<>();
    add(byPreference, "ondemand", onDemand);
    add(byPreference, "spot", spot);

    List<TaskView> stops = ScaleIn.extras(byPreference, desired, STRATEGY);

    assertThat(stops).hasSize(Math.max(0, onDemand + spot - desired)).doesNotHaveDuplicates();
    assertThat(byPreference).containsAll(stops);
  }

  private static void add(List<TaskView> to, String provider, int n) {
    for (int i = 0; i < n; i++) {
      to.add(new TaskView((provider == null ? "none" : provider) + "-" + i, "ecs-svc/1", TaskStatus.RUNNING, true,
          HealthStatus.UNKNOWN, Instant.EPOCH, Instant.EPOCH, null, false, "i-" + i, TaskView.Host.OK, provider));
    }
  }

  private static Map<String, Long> left(List<TaskView> all, List<TaskView> stops) {
    return all.stream().filter(t -> !stops.contains(t))
        .collect(Collectors.groupingBy(TaskView::capacityProvider, Collectors.counting()));
  }

  private static Map<String, Long> asLongs(Map<String, Integer> m) {
    Map<String, Long> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, (long) v));
    return out;
  }
}
