package io.gantry.testkit;

import static io.gantry.testkit.Sdk.register;
import static io.gantry.testkit.ServiceChecks.awaitStable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.server.FailureSettings;
import io.gantry.testkit.agent.SimulatedAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Below the mass-disconnect share, lost instances are still given up one at a time: two of eight
 * agents killed together, a 1 s grace and a 4 s lost-instance interval — the second instance's task is replaced at least 4 s after the first's, not in the
 * same breath, and both are replaced in the end.
 */
class LostInstanceRateSimulationTest {
  static final String CLUSTER = "rate";
  static final Duration INTERVAL = Duration.ofSeconds(4);
  static ConfiguredSimulation fixture;
  static SimulatedCluster sim;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    FailureSettings failure = new FailureSettings(Duration.ofSeconds(3), 3, null, Duration.ofSeconds(6), 55,
        INTERVAL);
    fixture = ConfiguredSimulation.start(CLUSTER, 8,
        c -> c.withLostTaskGrace(Duration.ofSeconds(1)).withFailure(failure));
    sim = fixture.sim();
    ecs = fixture.ecs();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void lostInstancesAreGivenUpOneIntervalApart() {
    String td = register(ecs, "app", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("app").taskDefinition(td).desiredCount(6)
        .placementConstraints(p -> p.type("distinctInstance")));
    awaitStable(ecs, CLUSTER, "app", Duration.ofSeconds(30));
    List<Task> before = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "app",
        DesiredStatus.RUNNING));
    List<String> victimTasks = new ArrayList<>();
    for (Task t : before.subList(0, 2)) {
      victimTasks.add(t.taskArn());
    }
    List<SimulatedAgent> victims = before.subList(0, 2).stream()
        .map(t -> sim.agentOf(t.containerInstanceArn()).orElseThrow()).toList();

    victims.forEach(sim::kill);

    Map<String, Long> givenUpAt = new HashMap<>();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      for (Task t : ServiceChecks.tasks(ecs, CLUSTER, java.util.Set.copyOf(victimTasks))) {
        if ("STOPPED".equals(t.desiredStatus())) {
          givenUpAt.putIfAbsent(t.taskArn(), System.nanoTime());
        }
      }
      return givenUpAt.size() == 2;
    });
    long gapMillis = Math.abs(givenUpAt.get(victimTasks.get(0)) - givenUpAt.get(victimTasks.get(1))) / 1_000_000;
    assertThat(gapMillis).as("time between the two instances being given up").isGreaterThanOrEqualTo(
        INTERVAL.toMillis() - 500);
    awaitStable(ecs, CLUSTER, "app", Duration.ofSeconds(30));
    assertThat(sim.census().duplicates()).isEmpty();
  }
}
