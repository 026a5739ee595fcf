package io.gantry.server.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.model.task.HealthStatus;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the pure reconciler over random task state sequences: whatever the tasks do
 * between passes (start, turn healthy or unhealthy, fail, finish stopping), no pass launches
 * beyond maximumPercent and no pass's stops take the healthy tasks below minimumHealthyPercent;
 * without failures a rolling update always completes; the circuit breaker trips exactly at its
 * threshold. A configuration that leaves no room above the minimum (one task at 100% and 100%)
 * cannot roll (neither limit is broken to make room) and is left out.
 */
class ServiceReconcilerPropertyTest {

  @Property(tries = 300)
  void everyPassKeepsWithinTheMinimumAndMaximum(@ForAll @IntRange(min = 1, max = 12) int desired,
      @ForAll @IntRange(min = 0, max = 100) int minPercent, @ForAll @IntRange(min = 100, max = 200) int maxPercent,
      @ForAll boolean healthChecked, @ForAll long seed) {
    Random random = new Random(seed);
    ServiceWorld w = new ServiceWorld(desired, minPercent, maxPercent, false, healthChecked);
    int min = Rollout.minimumHealthy(desired, w.stored.service().deploymentConfiguration());
    int max = Rollout.maximum(desired, w.stored.service().deploymentConfiguration());
    for (int step = 0; step < 60; step++) {
      if (step == 10 || step == 30) {
        ServiceReconcilerTest.newDeployment(w, "td:" + step);
      }
      int healthyBefore = w.healthy();
      int existingBefore = w.existing();
      w.pass();
      assertThat(w.existing()).as("existing after the pass").isLessThanOrEqualTo(Math.max(max, existingBefore));
      assertThat(w.healthy()).as("healthy after the pass").isGreaterThanOrEqualTo(Math.min(min, healthyBefore));
      w.now = w.now.plus(Duration.ofSeconds(random.nextInt(5)));
      for (TaskView t : List.copyOf(w.tasks)) {
        int dice = random.nextInt(10);
        if (!t.live()) {
          continue;
        }
        if (!t.wantedRunning() && dice < 6) {
          w.replace(t.id(), x -> w.stopped(x, false));
        } else if (t.wantedRunning() && !t.running() && dice < 5) {
          w.replace(t.id(), x -> w.running(x, dice == 0 && healthChecked ? HealthStatus.UNHEALTHY : HealthStatus.HEALTHY));
        } else if (t.wantedRunning() && t.running() && dice == 9 && random.nextInt(4) == 0) {
          w.replace(t.id(), x -> w.stopped(x, true));
        }
      }
    }
  }

  @Property(tries = 100)
  void withoutFailuresARollingUpdateCompletes(@ForAll @IntRange(min = 1, max = 30) int desired,
      @ForAll @IntRange(min = 0, max = 100) int minPercent, @ForAll @IntRange(min = 101, max = 200) int maxPercent) {
    ServiceWorld w = new ServiceWorld(desired, minPercent, maxPercent, false, true);
    var config = w.stored.service().deploymentConfiguration();
    // With no room above the minimum (e.g. one task at 100%/100%) a rolling update cannot move.
    Assume.that(Rollout.maximum(desired, config) > Rollout.minimumHealthy(desired, config));
    ServiceReconcilerTest.newDeployment(w, "td:2");
    for (int step = 0; step < 200 && !done(w); step++) {
      w.pass();
      w.settle();
    }
    assertThat(done(w)).as("completed: %s", w.stored.service().deployments()).isTrue();
    assertThat(w.tasks.stream().filter(TaskView::wantedRunning)).hasSize(desired)
        .allSatisfy(t -> assertThat(t.deploymentId()).isEqualTo(w.primary().id()));
  }

  @Property(tries = 100)
  void theCircuitBreakerTripsAtItsThreshold(@ForAll @IntRange(min = 1, max = 500) int desired,
      @ForAll @IntRange(min = 0, max = 400) int failed) {
    ServiceWorld w = new ServiceWorld(desired, 100, 200, true, false);
    for (int i = 0; i < failed; i++) {
      w.tasks.add(w.stopped(new TaskView("f" + i, w.primary().id(), io.gantry.model.task.TaskStatus.PENDING, true,
          HealthStatus.UNKNOWN, w.now, null, null, false, "i1", TaskView.Host.OK), true));
    }
    w.now = w.now.plus(Duration.ofHours(1));
    w.pass();
    boolean tripped = Deployment.FAILED.equals(w.primary().rolloutState());
    assertThat(tripped).isEqualTo(failed >= Math.max(3, Math.min(200, (desired + 1) / 2)));
  }

  private static boolean done(ServiceWorld w) {
    return w.stored.service().deployments().size() == 1 && Deployment.COMPLETED.equals(w.primary().rolloutState());
  }
}
