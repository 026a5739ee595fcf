package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.e2e.support.AgentProcess;
import io.gantry.e2e.support.AwsCli;
import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A service on one real agent with real containers, driven by the AWS CLI v2: three busybox
 * {@code httpd} tasks with a container health check; a container killed with {@code docker kill}
 * is replaced; an update to a new revision rolls out and {@code aws ecs wait services-stable}
 * succeeds; a revision whose image cannot be pulled trips the circuit breaker, which fails the
 * rollout and rolls back; DeleteService with force drains the service to INACTIVE.
 */
class ServiceIT {
  private static final String CLUSTER = "services";
  @TempDir static Path dir;
  static GantryProcess server;
  static AgentProcess agent;
  static EcsClient ecs;
  static AwsCli aws;

  @BeforeAll
  static void start() throws Exception {
    server = GantryProcess.start(dir.resolve("server"));
    ecs = Clients.ecs(server.endpoint());
    aws = new AwsCli(server.endpoint(), Files.createDirectories(dir.resolve("cli")));
    ecs.createCluster(b -> b.clusterName(CLUSTER));
    agent = AgentProcess.start(server.endpoint(), CLUSTER, dir.resolve("agent"));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      var arns = ecs.listContainerInstances(b -> b.cluster(CLUSTER)).containerInstanceArns();
      return arns.size() == 1 && Boolean.TRUE.equals(ecs.describeContainerInstances(b -> b.cluster(CLUSTER)
          .containerInstances(arns)).containerInstances().get(0).agentConnected());
    });
  }

  @AfterAll
  static void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    ecs.close();
    server.close();
    Host.sh("docker ps -aq --filter label=io.gantry.test=service-it | xargs -r docker rm -f");
  }

  @Test
  void aServiceReplacesAKilledContainerRollsOutANewRevisionAndIsDeleted() throws Exception {
    register("1");
    AwsCli.Result created = aws.ecs("create-service", "--cluster", CLUSTER, "--service-name", "web",
        "--task-definition", "svc-web", "--desired-count", "3");
    assertThat(created.exitCode()).as(created.stderr()).isZero();
    assertThat(created.json().path("service").path("deployments").size()).isEqualTo(1);
    waitStable();
    // services-stable of a new service waits for runningCount only: the health checks may still be UNKNOWN
    List<Task> first = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(ServiceIT::running, ts -> ts.size() == 3
            && ts.stream().allMatch(t -> "HEALTHY".equals(t.healthStatusAsString())));

    Task victim = first.get(0);
    Host.sh("docker kill " + container(victim.taskArn()));

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        "STOPPED".equals(ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(victim.taskArn())).tasks().get(0)
            .lastStatus()));
    Service healed = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(this::service, s -> s.runningCount() == 3 && running().size() == 3
            && running().stream().allMatch(t -> "HEALTHY".equals(t.healthStatusAsString())));
    Set<String> now = new HashSet<>(running().stream().map(Task::taskArn).toList());
    assertThat(now).doesNotContain(victim.taskArn()).hasSize(3);
    assertThat(healed.events()).anyMatch(e -> e.message().startsWith("(service web) has started 1 tasks: "));

    String v2 = register("2");
    AwsCli.Result updated = aws.ecs("update-service", "--cluster", CLUSTER, "--service", "web",
        "--task-definition", v2);
    assertThat(updated.exitCode()).as(updated.stderr()).isZero();
    assertThat(updated.json().path("service").path("deployments").size()).isEqualTo(2);
    waitStable();
    Service rolled = service();
    assertThat(rolled.taskDefinition()).isEqualTo(v2);
    assertThat(rolled.deployments()).singleElement()
        .satisfies(d -> assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED"));
    assertThat(running()).hasSize(3).allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(v2));
    String good = rolled.deployments().get(0).id();

    // a revision whose image cannot be pulled: the circuit breaker fails the rollout and rolls back
    String bad = ecs.registerTaskDefinition(b -> b.family("svc-web").containerDefinitions(c -> c.name("web")
        .image("127.0.0.1:9/gantry-test/missing:latest").memory(32).essential(true)
        .dockerLabels(Map.of("io.gantry.test", "service-it"))))
        .taskDefinition().taskDefinitionArn();
    AwsCli.Result broken = aws.ecs("update-service", "--cluster", CLUSTER, "--service", "web",
        "--task-definition", bad, "--deployment-configuration",
        "deploymentCircuitBreaker={enable=true,rollback=true}");
    assertThat(broken.exitCode()).as(broken.stderr()).isZero();
    String failing = broken.json().path("service").path("deployments").path(0).path("id").asText();
    Service back = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
        .until(this::service, s -> s.taskDefinition().equals(v2) && s.deployments().size() == 1
            && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    waitStable();
    assertThat(back.deployments().get(0).id()).isNotIn(good, failing);
    assertThat(back.events()).extracting(e -> e.message()).contains(
        "(service web) (deployment " + failing + ") deployment failed: tasks failed to start.",
        "(service web) (deployment " + failing + ") deployment rolling back to " + good + ".");
    assertThat(running()).hasSize(3).allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(v2));
    List<Task> failed = ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(ecs.listTasks(l -> l.cluster(CLUSTER)
        .serviceName("web").desiredStatus(DesiredStatus.STOPPED)).taskArns())).tasks().stream()
        .filter(t -> t.taskDefinitionArn().equals(bad)).toList();
    assertThat(failed).isNotEmpty().anySatisfy(t -> {
      assertThat(t.stopCodeAsString()).isEqualTo("TaskFailedToStart");
      assertThat(t.stoppedReason() + " " + t.containers().get(0).reason()).contains("CannotPullContainerError");
    });
    // (the AWS CLI here, 2.9, predates the service deployment operations: the SDK asks)
    assertThat(ecs.listServiceDeployments(b -> b.cluster(CLUSTER).service("web").status(
        ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL)).serviceDeployments()).hasSize(1);

    AwsCli.Result deleted = aws.ecs("delete-service", "--cluster", CLUSTER, "--service", "web", "--force");
    assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
    assertThat(deleted.json().path("service").path("status").asText()).isEqualTo("DRAINING");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> "INACTIVE".equals(service().status()));
    assertThat(running()).isEmpty();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> Host.sh("docker ps -q --filter label=io.gantry.test=service-it").isBlank());
  }

  private static void waitStable() throws Exception {
    AwsCli.Result stable = aws.ecs("wait", "services-stable", "--cluster", CLUSTER, "--services", "web");
    assertThat(stable.exitCode()).as("aws ecs wait services-stable: %s", stable.stderr()).isZero();
  }

  private static String register(String version) {
    return ecs.registerTaskDefinition(b -> b.family("svc-web").containerDefinitions(c -> c.name("web")
        .image("gantry-test/busybox").memory(32).essential(true).stopTimeout(1)
        .dockerLabels(Map.of("io.gantry.test", "service-it"))
        .environment(e -> e.name("VERSION").value(version))
        .command("httpd", "-f", "-p", "8080", "-h", "/etc")
        .healthCheck(h -> h.command("CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8080/hostname || exit 1")
            .interval(5).timeout(2).retries(2))))
        .taskDefinition().taskDefinitionArn();
  }

  private Service service() {
    return ecs.describeServices(b -> b.cluster(CLUSTER).services("web")).services().get(0);
  }

  private static List<Task> running() {
    List<String> arns = ecs.listTasks(b -> b.cluster(CLUSTER).serviceName("web")
        .desiredStatus(DesiredStatus.RUNNING)).taskArns();
    return arns.isEmpty() ? List.of() : ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arns)).tasks().stream()
        .filter(t -> "RUNNING".equals(t.lastStatus())).toList();
  }

  private static String container(String taskArn) throws Exception {
    return Host.sh("docker ps -q --filter label=com.amazonaws.ecs.task-arn=" + taskArn).strip();
  }
}
