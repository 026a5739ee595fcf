package io.gantry.testkit;

import static io.gantry.testkit.ServiceChecks.awaitStable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.testkit.agent.SimulatedAgent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Mass-disconnect protection: five of six agents lose their sessions at once (more than 55 % of
 * the cluster); well past the lost-task grace (2 s here) their service tasks are not replaced and
 * the service says why; when the agents come back, the same tasks are running, once each.
 */
class MassDisconnectSimulationTest {
  static final String CLUSTER = "mass";
  static ConfiguredSimulation fixture;
  static SimulatedCluster sim;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    fixture = ConfiguredSimulation.start(CLUSTER, 6, c -> c.withLostTaskGrace(Duration.ofSeconds(2)));
    sim = fixture.sim();
    ecs = fixture.ecs();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void mostAgentsGoneAtOnceDoNotStartAReplacementStorm() throws Exception {
    String td = Sdk.register(ecs, "web", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("web").taskDefinition(td).desiredCount(12));
    awaitStable(ecs, CLUSTER, "web", Duration.ofSeconds(30));
    Set<String> before = ServiceChecks.arns(ecs, CLUSTER, "web", DesiredStatus.RUNNING);
    assertThat(before).hasSize(12);

    List<SimulatedAgent> away = sim.agents().subList(0, 5);
    away.forEach(sim::disconnect);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
        ServiceChecks.describe(ecs, CLUSTER, "web").events().stream()
            .anyMatch(e -> e.message().contains("is not replacing tasks on disconnected container instances: 5 of 6")));
    Thread.sleep(6_000); // three lost-task graces more, and a placement retry: a storm would have started by now

    assertThat(ServiceChecks.arns(ecs, CLUSTER, "web", DesiredStatus.RUNNING)).isEqualTo(before);
    assertThat(ServiceChecks.arns(ecs, CLUSTER, "web", DesiredStatus.STOPPED)).isEmpty();

    for (SimulatedAgent agent : away) {
      sim.reconnect(agent);
    }
    awaitStable(ecs, CLUSTER, "web", Duration.ofSeconds(30));
    List<Task> after = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "web",
        DesiredStatus.RUNNING));
    assertThat(after).hasSize(12).allSatisfy(t -> assertThat(t.lastStatus()).isEqualTo("RUNNING"));
    assertThat(after.stream().map(Task::taskArn)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(sim.census().duplicates()).isEmpty();
    assertThat(sim.census().orphans(new java.util.HashSet<>(before))).isEmpty();
  }
}
