package io.gantry.server.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.model.task.HealthStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Examples of the pure reconciler: scale up, rolling update steps, circuit breaker, back-off, lost tasks, drain. */
class ServiceReconcilerTest {

  @Test
  void theFailureThresholdIsHalfTheDesiredCountBetweenThreeAndTwoHundred() {
    int[][] table = {{0, 3}, {1, 3}, {4, 3}, {6, 3}, {7, 4}, {10, 5}, {25, 13}, {399, 200}, {400, 200}, {1000, 200}};
    for (int[] row : table) {
      assertThat(Rollout.failureThreshold(row[0])).as("desired %d", row[0]).isEqualTo(row[1]);
    }
  }

  @Test
  void percentagesRoundTheWayEcsDoes() {
    ServiceWorld w = new ServiceWorld(3, 50, 150, false, false);
    var c = w.stored.service().deploymentConfiguration();
    assertThat(Rollout.minimumHealthy(3, c)).isEqualTo(2); // 1.5 up
    assertThat(Rollout.maximum(3, c)).isEqualTo(4); // 4.5 down
  }

  @Test
  void aNewServiceLaunchesItsDesiredCountThenCompletesAndIsSteady() {
    ServiceWorld w = new ServiceWorld(4, 100, 200, false, true);
    ServiceReconciler.Decision first = w.pass();
    assertThat(first.actions()).contains(new ServiceAction.Launch(w.primary().id(), "td:1", 4));
    w.settle();
    w.pass();
    assertThat(w.primary().rolloutState()).isEqualTo(Deployment.COMPLETED);
    assertThat(w.stored.service().runningCount()).isEqualTo(4);
    assertThat(w.stored.service().events().get(0).message()).isEqualTo("(service web) has reached a steady state.");
    assertThat(w.stored.lastCompleted().id()).isEqualTo(w.primary().id());
    assertThat(w.pass().actions()).noneMatch(a -> a instanceof ServiceAction.Emit);
  }

  @Test
  void aRollingUpdateStartsNewTasksFirstAndStopsOldOnesOnlyWhenNewOnesAreHealthy() {
    ServiceWorld w = new ServiceWorld(4, 100, 150, false, true);
    w.pass();
    w.settle();
    w.pass();
    newDeployment(w, "td:2");

    w.pass(); // max 6: two new tasks
    assertThat(w.existing()).isEqualTo(6);
    assertThat(w.healthy()).isEqualTo(4);
    w.pass(); // nothing healthy yet: nothing to stop, no room to start
    assertThat(w.existing()).isEqualTo(6);
    w.tasks.replaceAll(t -> t.deploymentId().equals(w.primary().id()) ? w.running(t, HealthStatus.HEALTHY) : t);
    w.pass(); // six healthy: two old ones may go
    assertThat(w.healthy()).isEqualTo(4);
    w.settle();
    for (int i = 0; i < 6; i++) {
      w.pass();
      assertThat(w.existing()).isLessThanOrEqualTo(6);
      assertThat(w.healthy()).isGreaterThanOrEqualTo(4);
      w.settle();
    }
    assertThat(w.stored.service().deployments()).singleElement().satisfies(d -> {
      assertThat(d.rolloutState()).isEqualTo(Deployment.COMPLETED);
      assertThat(d.taskDefinition()).isEqualTo("td:2");
    });
  }

  @Test
  void aHundredTaskRollingUpdateOnAFakeClockKeepsItsPercentagesAfterEveryPassAndEveryTaskStep() {
    ServiceWorld w = new ServiceWorld(100, 90, 120, false, true);
    for (int i = 0; i < 20 && w.stored.lastCompleted() == null; i++) {
      w.pass();
      w.settle();
    }
    w.pass();
    assertThat(w.primary().rolloutState()).isEqualTo(Deployment.COMPLETED);
    newDeployment(w, "td:2");
    java.util.Random random = new java.util.Random(7);
    int passes = 0;
    while (!(w.stored.service().deployments().size() == 1 && Deployment.COMPLETED.equals(w.primary().rolloutState())
        && w.primary().taskDefinition().equals("td:2"))) {
      assertThat(passes++).as("passes").isLessThan(2_000);
      w.now = w.now.plusMillis(500);
      w.pass();
      assertThat(w.existing()).as("existing after pass %d", passes).isLessThanOrEqualTo(120);
      assertThat(w.healthy()).as("healthy after pass %d", passes).isGreaterThanOrEqualTo(90);
      for (TaskView t : List.copyOf(w.tasks)) { // tasks move one at a time, in random order
        if (random.nextInt(3) == 0) {
          continue;
        }
        if (t.live() && !t.wantedRunning()) {
          w.replace(t.id(), x -> w.stopped(x, false));
        } else if (t.live() && !t.running()) {
          w.replace(t.id(), x -> w.running(x, HealthStatus.HEALTHY));
        }
        assertThat(w.existing()).isLessThanOrEqualTo(120);
        assertThat(w.healthy()).isGreaterThanOrEqualTo(90);
      }
    }
    assertThat(w.tasks.stream().filter(TaskView::wantedRunning)).hasSize(100)
        .allSatisfy(t -> assertThat(t.deploymentId()).isEqualTo(w.primary().id()));
  }

  @Test
  void theCircuitBreakerFailsTheDeploymentAtItsThresholdAndRollsBackToTheLastCompletedOne() {
    ServiceWorld w = new ServiceWorld(4, 100, 200, true, false);
    w.pass();
    w.settle();
    w.pass();
    String good = w.primary().id();
    newDeployment(w, "td:bad");
    String bad = w.primary().id();
    for (int failures = 0; failures < 3; ) {
      w.now = w.now.plus(Duration.ofMinutes(10)); // past any back-off
      w.pass();
      for (TaskView t : List.copyOf(w.tasks)) {
        if (t.live() && t.deploymentId().equals(bad) && failures < 3) {
          w.replace(t.id(), x -> w.stopped(x, true));
          failures++;
        }
      }
      assertThat(w.primary().id()).isEqualTo(bad);
    }

    ServiceReconciler.Decision tripped = w.pass();

    assertThat(tripped.actions()).anyMatch(a -> a instanceof ServiceAction.RollBack r
        && r.next().taskDefinition().equals("td:1"));
    assertThat(w.primary().taskDefinition()).isEqualTo("td:1");
    assertThat(w.stored.service().deployments().get(1)).satisfies(d -> {
      assertThat(d.id()).isEqualTo(bad);
      assertThat(d.rolloutState()).isEqualTo(Deployment.FAILED);
      assertThat(d.status()).isEqualTo(Deployment.ACTIVE);
    });
    assertThat(w.primary().rolloutStateReason())
        .isEqualTo("ECS deployment circuit breaker: rolling back to deploymentId " + good + ".");
  }

  @Test
  void tasksThatExitSoonAfterRunningTripTheBreakerOnlyWithTheEarlyExitOption() {
    for (Duration earlyExit : java.util.Arrays.asList(null, Duration.ofSeconds(10))) {
      ServiceWorld w = new ServiceWorld(4, 100, 200, true, false);
      w.earlyExit = earlyExit;
      w.pass();
      w.settle();
      w.now = w.now.plusSeconds(30); // past the early-exit window: the first deployment completes
      w.pass();
      assertThat(w.primary().rolloutState()).isEqualTo(Deployment.COMPLETED);
      newDeployment(w, "td:crash");
      String crash = w.primary().id();
      for (int round = 0; round < 3; round++) {
        w.now = w.now.plus(Duration.ofMinutes(10));
        w.pass();
        w.settle(); // RUNNING at now
        w.now = w.now.plusSeconds(2);
        for (TaskView t : List.copyOf(w.tasks)) {
          if (t.live() && t.deploymentId().equals(crash)) {
            w.replace(t.id(), x -> w.stopped(x, true)); // ran two seconds, then its essential container exited
          }
        }
      }
      w.pass();
      assertThat(w.primary().taskDefinition()).as("early exit %s: rolled back or still deploying", earlyExit)
          .isEqualTo(earlyExit == null ? "td:crash" : "td:1");
      assertThat(w.stored.service().events()).as("early exit %s", earlyExit).map(e -> e.message())
          .filteredOn(m -> m.contains("deployment failed")).hasSize(earlyExit == null ? 0 : 1);
    }
  }

  @Test
  void withTheEarlyExitOptionARolloutCompletesOnlyOnceItsTasksHaveRunThatLong() {
    ServiceWorld w = new ServiceWorld(4, 100, 200, true, false);
    w.earlyExit = Duration.ofSeconds(20);
    w.pass();
    w.settle(); // RUNNING at now
    ServiceReconciler.Decision early = w.pass();
    assertThat(w.primary().rolloutState()).isEqualTo(Deployment.IN_PROGRESS);
    assertThat(early.requeueAfter()).isLessThanOrEqualTo(Duration.ofSeconds(20));
    w.now = w.now.plusSeconds(20);
    w.pass();
    assertThat(w.primary().rolloutState()).isEqualTo(Deployment.COMPLETED);
  }

  @Test
  void failuresInARowDelayTheNextLaunch() {
    ServiceWorld w = new ServiceWorld(2, 100, 200, false, false);
    w.pass();
    for (TaskView t : List.copyOf(w.tasks)) {
      w.replace(t.id(), x -> w.stopped(x, true));
    }
    ServiceReconciler.Decision throttled = w.pass();
    assertThat(throttled.actions()).noneMatch(a -> a instanceof ServiceAction.Launch);
    assertThat(throttled.requeueAfter()).isEqualTo(Duration.ofSeconds(2));
    w.now = w.now.plusSeconds(2);
    assertThat(w.pass().actions()).anyMatch(a -> a instanceof ServiceAction.Launch l && l.count() == 2);
  }

  @Test
  void tasksOnALostInstanceAreStoppedAtOnceAndReplaced() {
    ServiceWorld w = new ServiceWorld(2, 100, 200, false, false);
    w.pass();
    w.settle();
    w.pass();
    TaskView victim = w.tasks.get(0);
    w.replace(victim.id(), t -> new TaskView(t.id(), t.deploymentId(), t.lastStatus(), true, t.health(),
        t.createdAt(), t.startedAt(), null, false, "i9", TaskView.Host.LOST));

    ServiceReconciler.Decision d = w.pass();

    assertThat(d.actions()).contains(new ServiceAction.Stop(List.of(victim.id()),
        "Container instance i9 lost: its agent stayed disconnected", true));
    assertThat(d.actions()).contains(new ServiceAction.Launch(w.primary().id(), "td:1", 1));
  }

  @Test
  void anUnhealthyTaskIsReplacedOnlyAfterTheGracePeriod() {
    ServiceWorld w = new ServiceWorld(1, 100, 200, false, true);
    w.stored = w.stored.with(w.stored.service().toBuilder().healthCheckGracePeriodSeconds(30).build());
    w.pass();
    w.tasks.replaceAll(t -> w.running(t, HealthStatus.UNHEALTHY));
    ServiceReconciler.Decision early = w.pass();
    assertThat(early.actions()).noneMatch(a -> a instanceof ServiceAction.Stop);
    assertThat(early.requeueAfter()).isEqualTo(Duration.ofSeconds(30));
    w.now = w.now.plusSeconds(30);
    ServiceReconciler.Decision late = w.pass();
    assertThat(late.actions()).anyMatch(a -> a instanceof ServiceAction.Stop s
        && s.reason().equals("Task failed container health checks"));
  }

  @Test
  void aDrainingServiceStopsEverythingThenBecomesInactive() {
    ServiceWorld w = new ServiceWorld(3, 100, 200, false, false);
    w.pass();
    w.settle();
    w.pass();
    w.stored = w.stored.changed(w.stored.service().toBuilder().status("DRAINING").desiredCount(0).build());
    w.pass();
    assertThat(w.tasks).noneMatch(TaskView::wantedRunning);
    w.settle();
    w.pass();
    assertThat(w.stored.service().status()).isEqualTo("INACTIVE");
  }

  @Test
  void tasksOnADrainingInstanceAreReplacedFirstAndStoppedOnceReplacementsAreHealthy() {
    ServiceWorld w = new ServiceWorld(4, 100, 150, false, true);
    w.pass();
    w.settle();
    w.pass();
    List<String> drained = w.tasks.subList(0, 2).stream().map(TaskView::id).toList();
    drained.forEach(id -> w.replace(id, t -> new TaskView(t.id(), t.deploymentId(), t.lastStatus(), true, t.health(),
        t.createdAt(), t.startedAt(), null, false, "i2", TaskView.Host.DRAINING)));

    ServiceReconciler.Decision first = w.pass();

    assertThat(first.actions()).contains(new ServiceAction.Launch(w.primary().id(), "td:1", 2));
    assertThat(first.actions()).noneMatch(a -> a instanceof ServiceAction.Stop);
    assertThat(w.pass().actions()).noneMatch(a -> a instanceof ServiceAction.Stop); // replacements not healthy yet
    w.settle();
    ServiceReconciler.Decision second = w.pass();
    assertThat(second.actions()).anyMatch(a -> a instanceof ServiceAction.Stop s
        && s.taskIds().containsAll(drained) && s.taskIds().size() == 2);
    assertThat(w.healthy()).isGreaterThanOrEqualTo(4);
    w.settle();
    w.pass();
    assertThat(w.tasks.stream().filter(TaskView::wantedRunning)).hasSize(4)
        .allSatisfy(t -> assertThat(t.host()).isEqualTo(TaskView.Host.OK));
  }

  @Test
  void withNoRoomAboveTheDesiredCountDrainingTasksStopFirstWithinTheMinimum() {
    ServiceWorld w = new ServiceWorld(4, 50, 100, false, false);
    w.pass();
    w.settle();
    w.pass();
    w.tasks.replaceAll(t -> new TaskView(t.id(), t.deploymentId(), t.lastStatus(), true, t.health(),
        t.createdAt(), t.startedAt(), null, false, "i2", TaskView.Host.DRAINING));

    ServiceReconciler.Decision d = w.pass();

    assertThat(d.actions()).noneMatch(a -> a instanceof ServiceAction.Launch);
    assertThat(d.actions()).anyMatch(a -> a instanceof ServiceAction.Stop s && s.taskIds().size() == 2);
    assertThat(w.healthy()).isEqualTo(2);
  }

  static void newDeployment(ServiceWorld w, String taskDefinition) {
    List<Deployment> next = new ArrayList<>();
    next.add(Deployments.start(w.nextDeploymentId(), taskDefinition, w.stored.service().desiredCount(), "EC2", w.now));
    w.stored.service().deployments().forEach(d -> next.add(d.withStatus(Deployment.ACTIVE, w.now)));
    w.stored = w.stored.changed(w.stored.service().toBuilder().deployments(next).taskDefinition(taskDefinition)
        .build());
  }
}
