package io.gantry.testkit;

import static io.gantry.testkit.Sdk.register;
import static io.gantry.testkit.ServiceChecks.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.testkit.agent.AgentShape;
import io.gantry.testkit.agent.TaskScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Self-healing of services through the AWS SDK on three simulated agents: unhealthy tasks stopped
 * with ECS's reason and event and replaced, a crash loop replaced with back-off (and the
 * deployments of the deleted service INACTIVE), and the "unable to place" event in ECS's words
 * when nothing fits.
 */
class ServiceHealingSimulationTest {
  static final String CLUSTER = "service-healing";
  static SimulatedCluster sim;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster(CLUSTER));
    sim.addAgents(3, i -> AgentShape.standard());
    ecs = Sdk.ecs(sim.endpoint());
  }

  @AfterAll
  static void stop() {
    ecs.close();
    sim.close();
  }

  @Test
  void unhealthyTasksAreStoppedWithEcsReasonAndReplaced() {
    String td = register(ecs, "sick", c -> c.healthCheck(h -> h.command("CMD", "true"))
        .environment(Sdk.env(Map.of(TaskScript.UNHEALTHY, "true"))));
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("sick").taskDefinition(td).desiredCount(2));

    List<Task> stopped = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "sick", DesiredStatus.STOPPED)),
            ts -> ts.size() >= 3);

    assertThat(stopped).allSatisfy(t -> {
      assertThat(t.stoppedReason()).isEqualTo("Task failed container health checks");
      assertThat(t.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
    });
    Service s = describe(ecs, CLUSTER, "sick");
    assertThat(s.events()).extracting(e -> e.message())
        .anyMatch(m -> m.matches("\\(service sick\\) \\(task [0-9a-f]{32}\\) failed container health checks\\."));
    assertThat(s.deployments().get(0).failedTasks()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void tasksThatKeepExitingAreReplacedWithBackOff() {
    String td = register(ecs, "crashloop", c -> c.environment(Sdk.env(Map.of(TaskScript.RUN_FOR, "50ms",
        TaskScript.EXIT_CODE, "1"))));
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("crashloop").taskDefinition(td).desiredCount(1));

    Service s = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> describe(ecs, CLUSTER, "crashloop"), x -> x.events().stream().anyMatch(e -> e.message()
            .equals("(service crashloop) is unable to consistently start tasks successfully. For more information, "
                + "see the Troubleshooting section of the Amazon ECS Developer Guide.")));

    List<Task> exited = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "crashloop",
        DesiredStatus.STOPPED));
    assertThat(exited).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(t -> assertThat(t.stopCodeAsString()).isEqualTo("EssentialContainerExited"));
    // replacements are throttled: a few seconds of crash loop start only a handful of tasks, not hundreds
    long before = exited.size();
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
    long after = ServiceChecks.arns(ecs, CLUSTER, "crashloop", DesiredStatus.STOPPED).size();
    assertThat(after - before).isLessThanOrEqualTo(3);
    // tasks that reached RUNNING before exiting do not fail the rollout (ECS's rule): it may have COMPLETED
    assertThat(s.deployments()).singleElement().satisfies(d -> assertThat(d.status()).isEqualTo("PRIMARY"));

    ecs.updateService(b -> b.cluster(CLUSTER).service("crashloop").desiredCount(0));
    ecs.deleteService(b -> b.cluster(CLUSTER).service("crashloop"));
    Service gone = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> describe(ecs, CLUSTER, "crashloop"), x -> "INACTIVE".equals(x.status()));
    assertThat(gone.deployments()).isNotEmpty().allSatisfy(d -> assertThat(d.status()).isEqualTo("INACTIVE"));
    assertThat(ecs.listServiceDeployments(b -> b.cluster(CLUSTER).service("crashloop")).serviceDeployments())
        .isEmpty(); // deleting a service deletes its service deployments, as in ECS
  }

  @Test
  void aServiceWhoseTasksFitNowhereSaysSoInEcsWords() {
    String td = register(ecs, "huge", c -> c.memory(8000));
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("huge").taskDefinition(td).desiredCount(1));

    Service s = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> describe(ecs, CLUSTER, "huge"), x -> !x.events().isEmpty());

    assertThat(s.runningCount()).isZero();
    assertThat(s.events().get(0).message()).matches("\\(service huge\\) was unable to place a task because no "
        + "container instance met all of its requirements\\. The closest matching \\(container-instance "
        + "[0-9a-f]{32}\\) has insufficient memory available\\. For more information, see the Troubleshooting "
        + "section of the Amazon ECS Developer Guide\\.");
  }
}
