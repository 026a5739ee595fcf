package io.gantry.testkit;

import static io.gantry.testkit.Sdk.env;
import static io.gantry.testkit.Sdk.register;
import static io.gantry.testkit.ServiceChecks.awaitStable;
import static io.gantry.testkit.ServiceChecks.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.testkit.agent.AgentShape;
import io.gantry.testkit.agent.TaskScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Services on twelve simulated agents in three zones under the real control plane, driven
 * through the AWS SDK: a service reaching a steady state, a rolling update checked against its
 * minimum healthy and maximum percentages at every poll, the circuit breaker rolling back a
 * deployment whose tasks cannot start, and DeleteService.
 */
class ServiceSimulationTest {
  static final String CLUSTER = "services";
  static SimulatedCluster sim;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster(CLUSTER));
    List<String> zones = List.of("us-east-1a", "us-east-1b", "us-east-1c");
    sim.addAgents(12, i -> AgentShape.standard().inZone(zones.get(i % 3)));
    ecs = Sdk.ecs(sim.endpoint());
  }

  @AfterAll
  static void stop() {
    ecs.close();
    sim.close();
  }

  @Test
  void aTenTaskServiceRunsAndReachesASteadyState() {
    String td = register(ecs, "steady", c -> c.healthCheck(HealthCheck.builder().command("CMD", "true").build()));

    Service created = ecs.createService(b -> b.cluster(CLUSTER).serviceName("steady").taskDefinition(td)
        .desiredCount(10)).service();

    assertThat(created.status()).isEqualTo("ACTIVE");
    assertThat(created.launchTypeAsString()).isEqualTo("EC2");
    assertThat(created.deploymentConfiguration().minimumHealthyPercent()).isEqualTo(100);
    assertThat(created.deploymentConfiguration().maximumPercent()).isEqualTo(200);
    assertThat(created.deployments()).singleElement().satisfies(d -> {
      assertThat(d.id()).matches("ecs-svc/\\d{19}");
      assertThat(d.status()).isEqualTo("PRIMARY");
      assertThat(d.rolloutStateAsString()).isEqualTo("IN_PROGRESS");
    });
    Service steady = awaitStable(ecs, CLUSTER, "steady", Duration.ofSeconds(30));
    assertThat(steady.runningCount()).isEqualTo(10);
    assertThat(steady.pendingCount()).isZero();
    List<String> events = steady.events().stream().map(e -> e.message()).toList();
    assertThat(events.get(0)).isEqualTo("(service steady) has reached a steady state.");
    assertThat(events).contains("(service steady) (deployment " + steady.deployments().get(0).id()
        + ") deployment completed.");
    assertThat(events).anyMatch(m -> m.matches("\\(service steady\\) has started \\d+ tasks: (\\(task [0-9a-f]{32}\\) ?)+\\."));
    List<Task> tasks = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "steady",
        DesiredStatus.RUNNING));
    assertThat(tasks).hasSize(10).allSatisfy(t -> {
      assertThat(t.group()).isEqualTo("service:steady");
      assertThat(t.startedBy()).isEqualTo(steady.deployments().get(0).id());
    });
    assertThat(sim.census().duplicates()).isEmpty();
  }

  @Test
  void aRollingUpdateStaysWithinItsPercentagesAtEveryStep() {
    String v1 = register(ecs, "roll", c -> c.healthCheck(HealthCheck.builder().command("CMD", "true").build()));
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("roll").taskDefinition(v1).desiredCount(10)
        .deploymentConfiguration(d -> d.minimumHealthyPercent(50).maximumPercent(150)));
    awaitStable(ecs, CLUSTER, "roll", Duration.ofSeconds(30));
    String v2 = register(ecs, "roll", c -> c.healthCheck(HealthCheck.builder().command("CMD", "true").build())
        .environment(env(Map.of(TaskScript.START_DELAY, "300ms"))));

    ecs.updateService(b -> b.cluster(CLUSTER).service("roll").taskDefinition(v2));

    int samples = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Service s = describe(ecs, CLUSTER, "roll");
    while (!(ServiceChecks.stable(s) && s.taskDefinition().equals(v2)
        && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()))) {
      assertThat(System.nanoTime()).as("rolling update finished in time").isLessThan(deadline);
      List<Task> sample = ServiceChecks.sample(ecs, CLUSTER, "roll");
      if (sample != null) {
        ServiceChecks.Counts.of(sample).within(10, 50, 150);
        samples++;
      }
      s = describe(ecs, CLUSTER, "roll");
    }
    assertThat(samples).isPositive();
    List<Task> running = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "roll",
        DesiredStatus.RUNNING));
    assertThat(running).hasSize(10).allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(v2));
    List<Task> stopped = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "roll",
        DesiredStatus.STOPPED));
    assertThat(stopped).hasSize(10).allSatisfy(t -> {
      assertThat(t.taskDefinitionArn()).isEqualTo(v1);
      assertThat(t.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");
      assertThat(t.stoppedReason()).startsWith("Scaling activity initiated by (deployment ecs-svc/");
    });
  }

  @Test
  void theCircuitBreakerFailsADeploymentWhoseTasksCannotStartAndRollsBack() {
    String good = register(ecs, "breaker", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("breaker").taskDefinition(good).desiredCount(4)
        .deploymentConfiguration(d -> d.deploymentCircuitBreaker(cb -> cb.enable(true).rollback(true))));
    String first = awaitStable(ecs, CLUSTER, "breaker", Duration.ofSeconds(30)).deployments().get(0).id();
    String bad = register(ecs, "breaker", c -> c.environment(env(Map.of(TaskScript.START_ERROR, "exec: \"nope\""))));

    String failing = ecs.updateService(b -> b.cluster(CLUSTER).service("breaker").taskDefinition(bad))
        .service().deployments().get(0).id();

    Service rolledBack = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> describe(ecs, CLUSTER, "breaker"), s -> ServiceChecks.stable(s)
            && s.taskDefinition().equals(good) && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    Deployment back = rolledBack.deployments().get(0);
    assertThat(back.id()).isNotIn(first, failing);
    assertThat(back.rolloutStateReason()).isEqualTo("ECS deployment " + back.id() + " completed.");
    List<String> events = rolledBack.events().stream().map(e -> e.message()).toList();
    assertThat(events).containsSubsequence(
        "(service breaker) (deployment " + back.id() + ") deployment completed.",
        "(service breaker) (deployment " + failing + ") deployment rolling back to " + first + ".",
        "(service breaker) (deployment " + failing + ") deployment failed: tasks failed to start.");
    List<Task> failed = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "breaker",
        DesiredStatus.STOPPED)).stream().filter(t -> t.taskDefinitionArn().equals(bad)).toList();
    // at least the breaker's threshold failed to start; the rollback may stop the rest before they do
    assertThat(failed.stream().filter(t -> "TaskFailedToStart".equals(t.stopCodeAsString())).count())
        .isGreaterThanOrEqualTo(3);
    assertThat(failed).allSatisfy(t -> assertThat(t.stopCodeAsString()).isIn("TaskFailedToStart",
        "ServiceSchedulerInitiated"));
    assertThat(ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "breaker", DesiredStatus.RUNNING)))
        .hasSize(4).allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(good));
  }

  @Test
  void deleteServiceDrainsItThenItIsInactive() {
    String td = register(ecs, "doomed", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("doomed").taskDefinition(td).desiredCount(3)
        .tags(t -> t.key("team").value("a")));
    awaitStable(ecs, CLUSTER, "doomed", Duration.ofSeconds(30));
    assertThat(ecs.listServices(b -> b.cluster(CLUSTER).maxResults(100)).serviceArns())
        .anyMatch(a -> a.endsWith("/" + CLUSTER + "/doomed"));

    assertThatThrownBy(() -> ecs.deleteService(b -> b.cluster(CLUSTER).service("doomed")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("The service cannot be stopped while it is scaled above 0.");
    Service draining = ecs.deleteService(b -> b.cluster(CLUSTER).service("doomed").force(true)).service();

    assertThat(draining.status()).isEqualTo("DRAINING");
    assertThat(draining.desiredCount()).isZero();
    Service gone = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> describe(ecs, CLUSTER, "doomed"), s -> "INACTIVE".equals(s.status()));
    assertThat(gone.runningCount()).isZero();
    assertThat(ServiceChecks.arns(ecs, CLUSTER, "doomed", DesiredStatus.RUNNING)).isEmpty();
    assertThat(ecs.listServices(b -> b.cluster(CLUSTER).maxResults(100)).serviceArns())
        .noneMatch(a -> a.endsWith("/doomed"));
    assertThatThrownBy(() -> ecs.updateService(b -> b.cluster(CLUSTER).service("doomed").desiredCount(1)))
        .hasMessageContaining("Service was not ACTIVE.");
    assertThatThrownBy(() -> ecs.updateService(b -> b.cluster(CLUSTER).service("never").desiredCount(1)))
        .isInstanceOf(ServiceNotFoundException.class);
    assertThat(ecs.describeServices(b -> b.cluster(CLUSTER).services("never")).failures())
        .singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
    Set<String> stopped = ServiceChecks.arns(ecs, CLUSTER, "doomed", DesiredStatus.STOPPED);
    assertThat(stopped).hasSize(3);
  }
}
