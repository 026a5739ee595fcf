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
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The lost-task grace per cluster and per service (tag {@code gantry:lost-task-grace-seconds}):
 * the server's default is ten minutes, the cluster's tag says 2 s, one service's own tag says ten
 * minutes again. When an agent is killed, the service that follows its cluster replaces its task
 * within seconds; the one with its own longer grace keeps waiting for the agent.
 */
class LostGraceTagSimulationTest {
  static final String CLUSTER = "graces";
  static final String TAG = "gantry:lost-task-grace-seconds";
  static ConfiguredSimulation fixture;
  static SimulatedCluster sim;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    fixture = ConfiguredSimulation.start(CLUSTER, 3, c -> c.withLostTaskGrace(Duration.ofMinutes(10)));
    sim = fixture.sim();
    ecs = fixture.ecs();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void aClusterTagShortensTheGraceAndAServiceTagOverridesIt() {
    String clusterArn = ecs.describeClusters(b -> b.clusters(CLUSTER)).clusters().get(0).clusterArn();
    ecs.tagResource(b -> b.resourceArn(clusterArn).tags(Tag.builder().key(TAG).value("2").build()));
    String td = register(ecs, "app", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("follows-cluster").taskDefinition(td).desiredCount(3));
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("patient").taskDefinition(td).desiredCount(3)
        .tags(Tag.builder().key(TAG).value("600").build()));
    awaitStable(ecs, CLUSTER, "follows-cluster", Duration.ofSeconds(30));
    awaitStable(ecs, CLUSTER, "patient", Duration.ofSeconds(30));
    List<Task> fast = running("follows-cluster");
    List<Task> patient = running("patient");
    SimulatedAgent victim = sim.agentOf(fast.get(0).containerInstanceArn()).orElseThrow();
    Set<String> fastOnVictim = on(fast, victim);
    Set<String> patientOnVictim = on(patient, victim);
    assertThat(patientOnVictim).as("spread puts one task of each service on each instance").isNotEmpty();

    sim.kill(victim);

    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> ServiceChecks.tasks(ecs, CLUSTER, fastOnVictim),
            ts -> ts.stream().allMatch(t -> "STOPPED".equals(t.lastStatus())));
    awaitStable(ecs, CLUSTER, "follows-cluster", Duration.ofSeconds(30));
    assertThat(running("follows-cluster")).hasSize(3)
        .allSatisfy(t -> assertThat(t.containerInstanceArn()).isNotEqualTo(victim.containerInstanceArn()));
    // well past the cluster's 2 s: the patient service still counts on the agent coming back
    assertThat(ServiceChecks.tasks(ecs, CLUSTER, patientOnVictim))
        .allSatisfy(t -> assertThat(t.desiredStatus()).isEqualTo("RUNNING"));
  }

  private static List<Task> running(String service) {
    return ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, service, DesiredStatus.RUNNING));
  }

  private static Set<String> on(List<Task> tasks, SimulatedAgent agent) {
    return tasks.stream().filter(t -> t.containerInstanceArn().equals(agent.containerInstanceArn()))
        .map(Task::taskArn).collect(Collectors.toSet());
  }
}
