package io.gantry.testkit;

import static io.gantry.testkit.Sdk.env;
import static io.gantry.testkit.Sdk.register;
import static io.gantry.testkit.ServiceChecks.awaitStable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.server.GantryServer;
import io.gantry.server.ServerConfig;
import io.gantry.testkit.agent.AgentShape;
import io.gantry.testkit.agent.TaskScript;
import io.gantry.testkit.server.EmbeddedServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;

/**
 * The service deployment API through the AWS SDK: ListServiceDeployments (filters, paging),
 * DescribeServiceDeployments, DescribeServiceRevisions and StopServiceDeployment (ROLLBACK), on
 * simulated agents; the circuit breaker's rollback in the history; and the history surviving a
 * restart of the control plane.
 */
class ServiceDeploymentsSimulationTest {
  static final String CLUSTER = "history";
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

  static List<ServiceDeploymentBrief> list(EcsClient client, String cluster, String service) {
    return client.listServiceDeployments(b -> b.cluster(cluster).service(service)).serviceDeployments();
  }

  static ServiceDeployment describe(EcsClient client, String arn) {
    return client.describeServiceDeployments(b -> b.serviceDeploymentArns(arn)).serviceDeployments().get(0);
  }

  @Test
  void deploymentsAreListedDescribedAndStoppedWithARollback() {
    String v1 = register(ecs, "hist", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("hist").taskDefinition(v1).desiredCount(2));
    awaitStable(ecs, CLUSTER, "hist", Duration.ofSeconds(30));
    ServiceDeploymentBrief first = list(ecs, CLUSTER, "hist").get(0);
    assertThat(first.serviceDeploymentArn()).matches(
        "arn:aws:ecs:us-east-1:\\d{12}:service-deployment/history/hist/[A-Za-z0-9_-]{21}");
    assertThat(first.targetServiceRevisionArn()).matches(
        "arn:aws:ecs:us-east-1:\\d{12}:service-revision/history/hist/\\d{19}");
    assertThat(first.status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
    var shown = ServiceChecks.describe(ecs, CLUSTER, "hist");
    assertThat(shown.currentServiceDeployment()).isEqualTo(first.serviceDeploymentArn());
    assertThat(shown.currentServiceRevisions()).singleElement().satisfies(r -> {
      assertThat(r.arn()).isEqualTo(first.targetServiceRevisionArn());
      assertThat(r.requestedTaskCount()).isEqualTo(2);
      assertThat(r.runningTaskCount()).isEqualTo(2);
      assertThat(r.pendingTaskCount()).isZero();
    });
    assertThatThrownBy(() -> ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(first.serviceDeploymentArn())))
        .isInstanceOf(ConflictException.class);

    String slow = register(ecs, "hist", c -> c.environment(env(Map.of(TaskScript.START_DELAY, "60s"))));
    ecs.updateService(b -> b.cluster(CLUSTER).service("hist").taskDefinition(slow));
    List<ServiceDeploymentBrief> two = list(ecs, CLUSTER, "hist");
    assertThat(two).hasSize(2);
    ServiceDeploymentBrief second = two.get(0);
    assertThat(second.status()).isIn(ServiceDeploymentStatus.PENDING, ServiceDeploymentStatus.IN_PROGRESS);
    assertThat(await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> describe(ecs, second.serviceDeploymentArn()),
            d -> d.status() == ServiceDeploymentStatus.IN_PROGRESS).startedAt()).isNotNull();
    ServiceDeployment full = describe(ecs, second.serviceDeploymentArn());
    var during = ServiceChecks.describe(ecs, CLUSTER, "hist");
    assertThat(during.currentServiceDeployment()).isEqualTo(second.serviceDeploymentArn());
    assertThat(during.currentServiceRevisions()).extracting(r -> r.arn())
        .containsExactly(second.targetServiceRevisionArn(), first.targetServiceRevisionArn());
    assertThat(full.sourceServiceRevisions()).singleElement()
        .satisfies(r -> assertThat(r.arn()).isEqualTo(first.targetServiceRevisionArn()));
    assertThat(full.targetServiceRevision().requestedTaskCount()).isEqualTo(2);
    assertThat(full.deploymentConfiguration().maximumPercent()).isEqualTo(200);
    ServiceRevision revision = ecs.describeServiceRevisions(b -> b.serviceRevisionArns(
        second.targetServiceRevisionArn())).serviceRevisions().get(0);
    assertThat(revision.taskDefinition()).isEqualTo(slow);
    assertThat(revision.launchTypeAsString()).isEqualTo("EC2");
    assertThat(ecs.listServiceDeployments(b -> b.cluster(CLUSTER).service("hist")
        .status(ServiceDeploymentStatus.SUCCESSFUL)).serviceDeployments()).singleElement()
        .satisfies(d -> assertThat(d.serviceDeploymentArn()).isEqualTo(first.serviceDeploymentArn()));
    var page = ecs.listServiceDeployments(b -> b.cluster(CLUSTER).service("hist").maxResults(1));
    assertThat(page.serviceDeployments()).hasSize(1);
    assertThat(ecs.listServiceDeployments(b -> b.cluster(CLUSTER).service("hist").maxResults(1)
        .nextToken(page.nextToken())).serviceDeployments()).singleElement()
        .satisfies(d -> assertThat(d.serviceDeploymentArn()).isEqualTo(first.serviceDeploymentArn()));
    assertThat(ecs.listServiceDeployments(b -> b.cluster(CLUSTER).service("hist")
        .createdAt(c -> c.after(Instant.now().plusSeconds(3600)))).serviceDeployments()).isEmpty();
    assertThatThrownBy(() -> ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(second.serviceDeploymentArn())
        .stopType("HALT"))).isInstanceOf(InvalidParameterException.class);

    ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(second.serviceDeploymentArn()).stopType("ROLLBACK"));

    assertThat(describe(ecs, second.serviceDeploymentArn()).statusAsString()).isIn("ROLLBACK_REQUESTED",
        "ROLLBACK_IN_PROGRESS", "ROLLBACK_SUCCESSFUL");
    // stopping a deployment already rolling back lets the rollback go on
    ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(second.serviceDeploymentArn()).stopType("ABORT"));
    ServiceDeployment rolledBack = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> describe(ecs, second.serviceDeploymentArn()),
            d -> d.status() == ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);
    assertThat(rolledBack.rollback().serviceRevisionArn()).isEqualTo(first.targetServiceRevisionArn());
    assertThat(rolledBack.finishedAt()).isNotNull();
    assertThat(awaitStable(ecs, CLUSTER, "hist", Duration.ofSeconds(30)).taskDefinition()).isEqualTo(v1);
    assertThat(ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(
        first.serviceDeploymentArn().replace("/hist/", "/nope/"))).failures()).singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
    assertThatThrownBy(() -> ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(
        first.serviceDeploymentArn().replace("/hist/", "/nope/"))))
        .isInstanceOf(ServiceDeploymentNotFoundException.class);
  }

  @Test
  void anAbortedDeploymentStopsWhereItIsAndTheServiceKeepsItsTasks() {
    String v1 = register(ecs, "aborted", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("aborted").taskDefinition(v1).desiredCount(2)
        .deploymentConfiguration(d -> d.minimumHealthyPercent(100).maximumPercent(200)));
    awaitStable(ecs, CLUSTER, "aborted", Duration.ofSeconds(30));
    String slow = register(ecs, "aborted", c -> c.environment(env(Map.of(TaskScript.START_DELAY, "60s"))));
    ecs.updateService(b -> b.cluster(CLUSTER).service("aborted").taskDefinition(slow));
    ServiceDeploymentBrief rollout = list(ecs, CLUSTER, "aborted").get(0);
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> tasksOf("aborted", slow),
        n -> n == 2);

    ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(rollout.serviceDeploymentArn()).stopType("ABORT"));

    ServiceDeployment stopped = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .until(() -> describe(ecs, rollout.serviceDeploymentArn()), d -> d.status() == ServiceDeploymentStatus.STOPPED);
    assertThat(stopped.stoppedAt()).isNotNull();
    assertThat(stopped.statusReason()).isEqualTo("Service deployment stopped by request (ABORT).");
    assertThat(stopped.rollback()).isNull();
    var s = ServiceChecks.describe(ecs, CLUSTER, "aborted");
    assertThat(s.taskDefinition()).isEqualTo(slow);
    assertThat(s.deployments()).hasSize(2);
    assertThat(s.deployments().get(0).rolloutStateAsString()).isEqualTo("FAILED");
    // the old tasks keep running and no more of the stopped revision are started
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> tasksOf("aborted", v1) == 2 && tasksOf("aborted", slow) == 2);
    assertThatThrownBy(() -> ecs.stopServiceDeployment(b -> b.serviceDeploymentArn(rollout.serviceDeploymentArn())))
        .isInstanceOf(ConflictException.class);

    ecs.updateService(b -> b.cluster(CLUSTER).service("aborted").taskDefinition(v1));
    assertThat(awaitStable(ecs, CLUSTER, "aborted", Duration.ofSeconds(30)).taskDefinition()).isEqualTo(v1);
  }

  /** How many of the service's tasks of {@code taskDefinition} are wanted RUNNING. */
  private static long tasksOf(String service, String taskDefinition) {
    return ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, service,
        software.amazon.awssdk.services.ecs.model.DesiredStatus.RUNNING)).stream()
        .filter(t -> t.taskDefinitionArn().equals(taskDefinition)).count();
  }

  @Test
  void theCircuitBreakersRollbackShowsInTheHistory() {
    String good = register(ecs, "tripped", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("tripped").taskDefinition(good).desiredCount(3)
        .deploymentConfiguration(d -> d.deploymentCircuitBreaker(cb -> cb.enable(true).rollback(true))));
    awaitStable(ecs, CLUSTER, "tripped", Duration.ofSeconds(30));
    String bad = register(ecs, "tripped", c -> c.environment(env(Map.of(TaskScript.START_ERROR, "exec: \"nope\""))));
    ecs.updateService(b -> b.cluster(CLUSTER).service("tripped").taskDefinition(bad));
    ServiceDeploymentBrief failing = list(ecs, CLUSTER, "tripped").get(0);

    ServiceDeployment d = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> describe(ecs, failing.serviceDeploymentArn()),
            x -> x.status() == ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL);

    assertThat(d.deploymentCircuitBreaker().statusAsString()).isEqualTo("TRIGGERED");
    assertThat(d.deploymentCircuitBreaker().failureCount()).isGreaterThanOrEqualTo(3);
    assertThat(d.deploymentCircuitBreaker().threshold()).isEqualTo(3);
    assertThat(d.rollback().reason()).startsWith("ECS deployment circuit breaker: rolling back to deploymentId");
  }

  @Test
  void theHistorySurvivesARestart() throws Exception {
    Path dir = Files.createTempDirectory("gantry-history");
    Map<String, String> keys = Map.of("GANTRY_ACCESS_KEY_ID", EmbeddedServer.ACCESS_KEY,
        "GANTRY_SECRET_ACCESS_KEY", EmbeddedServer.SECRET_KEY);
    ServerConfig config = ServerConfig.defaults().with("127.0.0.1", "0", dir.toString(), null);
    String arn;
    String revision;
    try (GantryServer server = GantryServer.start(config, keys, Clock.systemUTC());
        EcsClient client = Sdk.ecs(URI.create(server.endpoint()))) {
      client.createCluster(b -> b.clusterName("kept"));
      String td = register(client, "kept", c -> c);
      client.createService(b -> b.cluster("kept").serviceName("kept").taskDefinition(td).desiredCount(1));
      ServiceDeploymentBrief brief = list(client, "kept", "kept").get(0);
      arn = brief.serviceDeploymentArn();
      revision = brief.targetServiceRevisionArn();
    }
    try (GantryServer server = GantryServer.start(config, keys, Clock.systemUTC());
        EcsClient client = Sdk.ecs(URI.create(server.endpoint()))) {
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .until(() -> describe(client, arn).status(), st -> st == ServiceDeploymentStatus.IN_PROGRESS);
      assertThat(client.describeServiceRevisions(b -> b.serviceRevisionArns(revision)).serviceRevisions())
          .singleElement().satisfies(r -> assertThat(r.serviceArn()).endsWith(":service/kept/kept"));
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
