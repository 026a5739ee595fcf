package io.gantry.server.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.model.capacity.ManagedScaling;
import io.gantry.server.capacity.ReservationMetric.Decision;
import io.gantry.server.capacity.ReservationMetric.Instance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CapacityProviderReservation metric and managed scaling's decisions, case by case. */
class ReservationMetricTest {
  private static final ManagedScaling TARGET_100 = new ManagedScaling("ENABLED", 100, 1, 10_000, 300);

  private static List<Instance> instances(int... tasks) {
    return java.util.stream.IntStream.range(0, tasks.length).mapToObj(i -> new Instance("ci-" + i, tasks[i])).toList();
  }

  @Test
  void metricFollowsEcsIncludingTheEmptyCases() {
    assertThat(ReservationMetric.metric(0, 0)).isEqualTo(100);
    assertThat(ReservationMetric.metric(3, 0)).isEqualTo(200);
    assertThat(ReservationMetric.metric(1, 2)).isEqualTo(50);
    assertThat(ReservationMetric.metric(4, 4)).isEqualTo(100);
    assertThat(ReservationMetric.metric(5, 4)).isEqualTo(125);
  }

  @Test
  void neededCountsBusyInstancesAndProvisioningTasksAtTheirDensity() {
    assertThat(ReservationMetric.needed(instances(0, 0), 0)).isZero();
    assertThat(ReservationMetric.needed(instances(2, 2, 0), 0)).isEqualTo(2);
    assertThat(ReservationMetric.needed(instances(2, 2, 0), 3)).isEqualTo(4); // 2 per instance: 3 more need 2
    assertThat(ReservationMetric.needed(instances(), 3)).isEqualTo(3); // no density known: one per task
  }

  @Test
  void atTargetNothingHappens() {
    Decision d = ReservationMetric.decide(instances(1, 1), 0, TARGET_100, false);
    assertThat(d.metric()).isEqualTo(100);
    assertThat(d.acts()).isFalse();
    assertThat(ReservationMetric.decide(instances(), 0, TARGET_100, false).acts()).isFalse();
  }

  @Test
  void scaleOutFromNothingAndWithSpareCapacityTargets() {
    Decision fromZero = ReservationMetric.decide(instances(), 2, TARGET_100, false);
    assertThat(fromZero.metric()).isEqualTo(200);
    assertThat(fromZero.action()).isEqualTo("scale-out");
    assertThat(fromZero.desired()).isEqualTo(2);
    // target 50 %: every busy instance wants a spare one
    Decision spare = ReservationMetric.decide(instances(1, 1), 0,
        new ManagedScaling("ENABLED", 50, 1, 10_000, 0), false);
    assertThat(spare.desired()).isEqualTo(4);
  }

  @Test
  void stepSizesBoundAScaleOut() {
    ManagedScaling steps = new ManagedScaling("ENABLED", 100, 3, 5, 0);
    assertThat(ReservationMetric.decide(instances(1), 1, steps, false).desired()).isEqualTo(4); // +1 wanted, min 3
    assertThat(ReservationMetric.decide(instances(1), 20, steps, false).desired()).isEqualTo(6); // +20 wanted, max 5
  }

  @Test
  void scaleInOffersOnlyIdleInstancesUnderTerminationProtection() {
    ManagedScaling scaling = new ManagedScaling("ENABLED", 100, 1, 10_000, 0);
    Decision protectedIn = ReservationMetric.decide(instances(3, 0, 0), 0, scaling, true);
    assertThat(protectedIn.action()).isEqualTo("scale-in");
    assertThat(protectedIn.desired()).isEqualTo(1);
    assertThat(protectedIn.candidates()).containsExactly("ci-1", "ci-2");
    // all busy at 50 % target: nothing idle to offer while protected
    ManagedScaling low = new ManagedScaling("ENABLED", 100, 1, 1, 0);
    assertThat(ReservationMetric.decide(instances(1, 1, 0, 0), 0, low, true).candidates()).containsExactly("ci-2");
    assertThat(ReservationMetric.decide(instances(1, 1, 0, 0), 0, low, true).desired()).isEqualTo(3);
  }
}
