package io.gantry.testkit;

import static io.gantry.testkit.Sdk.env;
import static io.gantry.testkit.Sdk.register;
import static io.gantry.testkit.ServiceChecks.awaitStable;
import static io.gantry.testkit.ServiceChecks.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.testkit.agent.AgentShape;
import io.gantry.testkit.agent.SimulatedAgent;
import io.gantry.testkit.agent.TaskScript;
import io.gantry.testkit.server.EmbeddedServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The service scheduler's promises on simulated agents: a 100-task rolling update keeps its
 * minimum healthy and maximum percent at every committed step (checked on the store's watch, not
 * by polling); the circuit breaker with the early-exit tag rolls back a revision whose containers
 * exit at once; a service recovers after a third of its instances are replaced; service tasks
 * carry their group, deployment id and propagated and managed tags.
 */
class ServiceProofSimulationTest {
  static final String CLUSTER = "proof";
  static EmbeddedServer server;
  static SimulatedCluster sim;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    server = EmbeddedServer.start(Clock.systemUTC(), c -> c.withLostTaskGrace(Duration.ofSeconds(3)));
    sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster(CLUSTER)
        .attachedTo(server.endpoint(), EmbeddedServer.ACCESS_KEY, EmbeddedServer.SECRET_KEY));
    List<String> zones = List.of("us-east-1a", "us-east-1b", "us-east-1c");
    sim.addAgents(12, i -> AgentShape.standard().inZone(zones.get(i % 3)));
    ecs = Sdk.ecs(sim.endpoint());
  }

  @AfterAll
  static void stop() {
    ecs.close();
    sim.close();
    server.close();
  }

  @Test
  void aHundredTaskRollingUpdateKeepsItsPercentagesAtEveryCommittedStep() {
    HealthCheck check = HealthCheck.builder().command("CMD", "true").build();
    String v1 = register(ecs, "hundred", c -> c.healthCheck(check));
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("hundred").taskDefinition(v1).desiredCount(100)
        .deploymentConfiguration(d -> d.minimumHealthyPercent(90).maximumPercent(120)));
    awaitStable(ecs, CLUSTER, "hundred", Duration.ofSeconds(60));
    String v2 = register(ecs, "hundred", c -> c.healthCheck(check)
        .environment(env(Map.of(TaskScript.START_DELAY, "200ms"))));

    try (ServiceInvariantWatch invariant = new ServiceInvariantWatch(server.server().store(), "hundred", 90, 120,
        true)) {
      ecs.updateService(b -> b.cluster(CLUSTER).service("hundred").taskDefinition(v2));
      Service done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
          .until(() -> describe(ecs, CLUSTER, "hundred"), s -> ServiceChecks.stable(s)
              && s.taskDefinition().equals(v2) && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
      assertThat(done.runningCount()).isEqualTo(100);
      assertThat(invariant.violations()).isEmpty();
      assertThat(invariant.steps()).as("committed steps checked").isGreaterThan(100);
    }
  }

  @Test
  void containersThatExitAtOnceTripTheBreakerWithTheEarlyExitTagAndRollBack() {
    String good = register(ecs, "crashy", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("crashy").taskDefinition(good).desiredCount(6)
        .tags(Tag.builder().key("gantry:circuit-breaker-early-exit-seconds").value("20").build())
        .deploymentConfiguration(d -> d.deploymentCircuitBreaker(cb -> cb.enable(true).rollback(true))));
    awaitStable(ecs, CLUSTER, "crashy", Duration.ofSeconds(30));
    String crashing = register(ecs, "crashy", c -> c.environment(env(Map.of(TaskScript.RUN_FOR, "100ms",
        TaskScript.EXIT_CODE, "1"))));

    ecs.updateService(b -> b.cluster(CLUSTER).service("crashy").taskDefinition(crashing));

    Service back = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
        .until(() -> describe(ecs, CLUSTER, "crashy"), s -> ServiceChecks.stable(s)
            && s.taskDefinition().equals(good) && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    assertThat(back.events()).anyMatch(e -> e.message().endsWith("deployment failed: tasks failed to start."));
    List<Task> crashed = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "crashy",
        DesiredStatus.STOPPED)).stream().filter(t -> t.taskDefinitionArn().equals(crashing)).toList();
    assertThat(crashed).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(t -> assertThat(t.stopCodeAsString()).isEqualTo("EssentialContainerExited"));
    assertThat(crashed).anyMatch(t -> t.startedAt() != null);
  }

  @Test
  void aServiceRecoversAfterAThirdOfItsInstancesAreReplaced() throws Exception {
    String td = register(ecs, "sturdy", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("sturdy").taskDefinition(td).desiredCount(24));
    awaitStable(ecs, CLUSTER, "sturdy", Duration.ofSeconds(60));
    List<SimulatedAgent> victims = sim.agents().subList(0, sim.agents().size() / 3);
    Set<String> gone = victims.stream().map(SimulatedAgent::containerInstanceArn).collect(Collectors.toSet());
    for (SimulatedAgent victim : List.copyOf(victims)) {
      sim.kill(victim);
    }
    sim.addAgents(gone.size(), i -> AgentShape.standard().inZone("us-east-1" + "abc".charAt(i % 3)));

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      List<Task> running = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "sturdy",
          DesiredStatus.RUNNING)).stream().filter(t -> "RUNNING".equals(t.lastStatus())).toList();
      assertThat(running).hasSize(24).noneMatch(t -> gone.contains(t.containerInstanceArn()));
      assertThat(ServiceChecks.stable(describe(ecs, CLUSTER, "sturdy"))).isTrue();
    });
    assertThat(sim.census().duplicates()).isEmpty();
  }

  @Test
  void serviceTasksCarryTheirGroupDeploymentAndPropagatedAndManagedTags() {
    String td = register(ecs, "tagged", c -> c);
    ecs.tagResource(b -> b.resourceArn(td).tags(Tag.builder().key("from").value("definition").build()));
    Service s = ecs.createService(b -> b.cluster(CLUSTER).serviceName("tagged").taskDefinition(td).desiredCount(2)
        .propagateTags("SERVICE").enableECSManagedTags(true)
        .tags(Tag.builder().key("team").value("infra").build())).service();
    awaitStable(ecs, CLUSTER, "tagged", Duration.ofSeconds(30));
    List<Task> tasks = ecs.describeTasks(b -> b.cluster(CLUSTER).include(software.amazon.awssdk.services.ecs.model.TaskField.TAGS).tasks(ServiceChecks.arns(ecs,
        CLUSTER, "tagged", DesiredStatus.RUNNING))).tasks();
    assertThat(tasks).hasSize(2).allSatisfy(t -> {
      assertThat(t.group()).isEqualTo("service:tagged");
      assertThat(t.startedBy()).isEqualTo(s.deployments().get(0).id());
      assertThat(t.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value))).isEqualTo(Map.of(
          "team", "infra", "aws:ecs:clusterName", CLUSTER, "aws:ecs:serviceName", "tagged"));
    });

    ecs.updateService(b -> b.cluster(CLUSTER).service("tagged").propagateTags("TASK_DEFINITION")
        .enableECSManagedTags(false));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      assertThat(ServiceChecks.stable(describe(ecs, CLUSTER, "tagged"))).isTrue();
      List<Task> now = ecs.describeTasks(b -> b.cluster(CLUSTER).include(software.amazon.awssdk.services.ecs.model.TaskField.TAGS).tasks(ServiceChecks.arns(ecs,
          CLUSTER, "tagged", DesiredStatus.RUNNING))).tasks();
      assertThat(now).hasSize(2).allSatisfy(t -> assertThat(t.tags())
          .containsExactly(Tag.builder().key("from").value("definition").build()));
    });
  }
}
