package io.gantry.testkit;

import static io.gantry.testkit.Sdk.register;
import static io.gantry.testkit.ServiceChecks.awaitStable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.testkit.agent.SimulatedAgent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A killed machine under a service: its instance stays registered with the agent disconnected;
 * after the lost-task grace (3 s here, minutes by default) the service gives its tasks up and
 * runs replacements on the other agents.
 */
class ServiceNodeLossSimulationTest {
  static final String CLUSTER = "loss";
  static ConfiguredSimulation fixture;
  static SimulatedCluster sim;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    fixture = ConfiguredSimulation.start(CLUSTER, 4, c -> c.withLostTaskGrace(Duration.ofSeconds(3)));
    sim = fixture.sim();
    ecs = fixture.ecs();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void theTasksOfAKilledAgentAreReplacedElsewhereAfterTheGrace() {
    String td = register(ecs, "web", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("web").taskDefinition(td).desiredCount(8));
    awaitStable(ecs, CLUSTER, "web", Duration.ofSeconds(30));
    List<Task> before = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "web",
        DesiredStatus.RUNNING));
    SimulatedAgent victim = sim.agentOf(before.get(0).containerInstanceArn()).orElseThrow();
    Set<String> onVictim = before.stream().filter(t -> t.containerInstanceArn().equals(victim.containerInstanceArn()))
        .map(Task::taskArn).collect(Collectors.toSet());

    sim.kill(victim);

    List<Task> lost = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> ServiceChecks.tasks(ecs, CLUSTER, onVictim),
            ts -> ts.stream().allMatch(t -> "STOPPED".equals(t.lastStatus())));
    assertThat(lost).allSatisfy(t -> {
      assertThat(t.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
      assertThat(t.stoppedReason()).contains("lost");
    });
    awaitStable(ecs, CLUSTER, "web", Duration.ofSeconds(30));
    List<Task> after = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "web",
        DesiredStatus.RUNNING));
    assertThat(after).hasSize(8).allSatisfy(t -> {
      assertThat(t.lastStatus()).isEqualTo("RUNNING");
      assertThat(t.containerInstanceArn()).isNotEqualTo(victim.containerInstanceArn());
    });
    assertThat(sim.census().duplicates()).isEmpty();
  }
}
