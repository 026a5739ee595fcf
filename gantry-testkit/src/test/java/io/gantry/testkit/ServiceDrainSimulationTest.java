package io.gantry.testkit;

import static io.gantry.testkit.Sdk.register;
import static io.gantry.testkit.ServiceChecks.awaitStable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.testkit.agent.AgentShape;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * DRAINING a container instance under a REPLICA service: its service tasks are replaced on the
 * other instances within minimumHealthyPercent and maximumPercent at every poll, a standalone
 * task there is left alone, and once the instance is ACTIVE again new tasks are placed on it.
 */
class ServiceDrainSimulationTest {
  static final String CLUSTER = "drain";
  static SimulatedCluster sim;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster(CLUSTER));
    sim.addAgents(4, i -> AgentShape.standard());
    ecs = Sdk.ecs(sim.endpoint());
  }

  @AfterAll
  static void stop() {
    ecs.close();
    sim.close();
  }

  @Test
  void serviceTasksLeaveADrainingInstanceWithinTheirPercentagesAndComeBackWhenItIsActive() {
    String td = register(ecs, "drained", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("drained").taskDefinition(td).desiredCount(8)
        .deploymentConfiguration(d -> d.minimumHealthyPercent(75).maximumPercent(125)));
    awaitStable(ecs, CLUSTER, "drained", Duration.ofSeconds(30));
    List<Task> before = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "drained",
        DesiredStatus.RUNNING));
    String instance = before.get(0).containerInstanceArn();
    long onInstance = before.stream().filter(t -> t.containerInstanceArn().equals(instance)).count();
    assertThat(onInstance).isPositive();
    String standalone = ecs.startTask(b -> b.cluster(CLUSTER).taskDefinition(td).containerInstances(instance))
        .tasks().get(0).taskArn();
    Sdk.awaitTask(ecs, CLUSTER, standalone, "RUNNING");

    ecs.updateContainerInstancesState(b -> b.cluster(CLUSTER).containerInstances(instance).status("DRAINING"));

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int samples = 0;
    while (true) {
      assertThat(System.nanoTime()).as("drained in time").isLessThan(deadline);
      List<Task> sample = ServiceChecks.sample(ecs, CLUSTER, "drained");
      if (sample == null) {
        continue;
      }
      // a task counts as healthy here when RUNNING (no health check in this definition)
      long existing = sample.stream().filter(t -> !"STOPPED".equals(t.lastStatus())).count();
      long running = sample.stream().filter(t -> "RUNNING".equals(t.desiredStatus())
          && "RUNNING".equals(t.lastStatus())).count();
      assertThat(existing).as("at most 125% of 8").isLessThanOrEqualTo(10);
      assertThat(running).as("at least 75% of 8").isGreaterThanOrEqualTo(6);
      samples++;
      boolean drained = sample.stream().filter(t -> !"STOPPED".equals(t.lastStatus()))
          .noneMatch(t -> t.containerInstanceArn().equals(instance));
      if (drained && running == 8 && ServiceChecks.stable(ServiceChecks.describe(ecs, CLUSTER, "drained"))) {
        break;
      }
    }
    assertThat(samples).isPositive();
    assertThat(ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(standalone)).tasks().get(0).lastStatus())
        .as("a standalone task on a draining instance is left alone").isEqualTo("RUNNING");

    ecs.updateContainerInstancesState(b -> b.cluster(CLUSTER).containerInstances(instance).status("ACTIVE"));
    ecs.updateService(b -> b.cluster(CLUSTER).service("drained").desiredCount(12));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      List<Task> now = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "drained",
          DesiredStatus.RUNNING));
      assertThat(now).hasSize(12);
      assertThat(now).anyMatch(t -> t.containerInstanceArn().equals(instance));
    });
    assertThat(sim.census().duplicates()).isEmpty();
  }
}
