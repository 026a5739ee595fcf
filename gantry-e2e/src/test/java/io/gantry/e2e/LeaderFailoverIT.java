package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.e2e.support.AgentProcess;
import io.gantry.e2e.support.AwsCli;
import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.Host;
import io.gantry.store.etcd.EtcdCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Leader failover with real processes: a three-member etcd cluster, two control-plane replicas
 * ({@code gantry server --store etcd}) and one real agent given both. Calls go to the follower
 * (RunTask is forwarded to the leader); a service rollout to a new revision is under way when the
 * leader is killed with SIGKILL. The follower takes over (measured), the agent moves its session
 * to it, the rollout completes ({@code aws ecs wait services-stable} against the survivor),
 * nothing acknowledged is lost and no task runs twice (census of containers by label).
 */
class LeaderFailoverIT {
  private static final String CLUSTER = "failover";
  private static final String LABEL = "failover-it";
  @TempDir Path dir;

  @Test
  void theFollowerTakesOverMidRolloutAndTheRolloutCompletes() throws Exception {
    try (EtcdCluster etcd = EtcdCluster.start()) {
      String endpoints = etcd.endpoints().stream().map(URI::toString).collect(Collectors.joining(","));
      GantryProcess leader = GantryProcess.start(dir.resolve("a"), "--store", "etcd", "--etcd-endpoints", endpoints,
          "--leader-lease-seconds", "6");
      awaitLog(leader, "this replica leads", Duration.ofSeconds(30));
      GantryProcess follower = GantryProcess.start(dir.resolve("b"), "--store", "etcd", "--etcd-endpoints", endpoints,
          "--leader-lease-seconds", "6");
      AgentProcess agent = null;
      try (EcsClient ecs = Clients.ecs(follower.endpoint())) {
        AwsCli aws = new AwsCli(follower.endpoint(), Files.createDirectories(dir.resolve("cli")));
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        agent = AgentProcess.start(List.of(leader.endpoint(), follower.endpoint()), CLUSTER, dir.resolve("agent"));
        Host.awaitOneAgentConnected(ecs, CLUSTER, Duration.ofSeconds(60));
        assertThat(Files.readString(follower.dataDir().resolve("server.log"))).doesNotContain("this replica leads");

        String v1 = register(ecs, "1");
        // RunTask on the follower is served by the leader (forwarded); the client token is honoured there
        List<String> standalone = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition(v1).count(2)
            .clientToken("failover-token-1")).tasks().stream().map(Task::taskArn).toList();
        assertThat(standalone).hasSize(2);
        AwsCli.Result created = aws.ecs("create-service", "--cluster", CLUSTER, "--service-name", "web",
            "--task-definition", v1, "--desired-count", "3");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        waitStable(aws);

        String v2 = register(ecs, "2");
        ecs.updateService(b -> b.cluster(CLUSTER).service("web").taskDefinition(v2));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
            .until(() -> serviceTasks(ecs).stream().anyMatch(t -> v2.equals(t.taskDefinitionArn())));
        long killedAt = System.nanoTime();
        leader.kill();

        awaitLog(follower, "this replica leads", Duration.ofSeconds(30));
        double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("leader failover: the follower leads %.1f s after SIGKILL of the leader%n", takeoverSeconds);
        assertThat(takeoverSeconds).isLessThan(15);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
            Files.readString(dir.resolve("agent").resolve("agent.log")).split("session with the control plane is up",
                -1).length >= 3);
        double sessionSeconds = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("leader failover: the agent's session is on the survivor %.1f s after the kill%n",
            sessionSeconds);

        waitStable(aws);
        double stableSeconds = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("leader failover: the rollout is stable %.1f s after the kill%n", stableSeconds);
        Service web = ecs.describeServices(b -> b.cluster(CLUSTER).services("web")).services().get(0);
        assertThat(web.taskDefinition()).isEqualTo(v2);
        assertThat(web.deployments()).singleElement()
            .satisfies(d -> assertThat(d.rolloutStateAsString()).isEqualTo("COMPLETED"));
        List<Task> running = serviceTasks(ecs).stream().filter(t -> "RUNNING".equals(t.lastStatus())).toList();
        assertThat(running).hasSize(3).allSatisfy(t -> assertThat(t.taskDefinitionArn()).isEqualTo(v2));

        // acknowledged before the kill: still there, still RUNNING, and the token still maps to them
        Host.awaitTasks(ecs, CLUSTER, standalone, "RUNNING", Duration.ofSeconds(30));
        List<String> again = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition(v1).count(2)
            .clientToken("failover-token-1")).tasks().stream().map(Task::taskArn).toList();
        assertThat(again).containsExactlyInAnyOrderElementsOf(standalone);

        // census: one running container per running task, none without a task
        Set<String> expected = new HashSet<>(standalone);
        running.forEach(t -> expected.add(t.taskArn()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
            .until(() -> censusArns().size() == expected.size());
        List<String> census = censusArns();
        assertThat(census).doesNotHaveDuplicates();
        assertThat(new HashSet<>(census)).isEqualTo(expected);
      } finally {
        if (agent != null) {
          agent.close();
        }
        leader.close();
        follower.close();
        Host.sh("docker ps -aq --filter label=io.gantry.test=" + LABEL + " | xargs -r docker rm -f");
      }
    }
  }

  private static String register(EcsClient ecs, String version) {
    return ecs.registerTaskDefinition(b -> b.family("failover-web").containerDefinitions(c -> c.name("web")
        .image("gantry-test/busybox").memory(16).essential(true).stopTimeout(1)
        .dockerLabels(Map.of("io.gantry.test", LABEL))
        .environment(e -> e.name("VERSION").value(version))
        .command("sleep", "3600"))).taskDefinition().taskDefinitionArn();
  }

  private static List<Task> serviceTasks(EcsClient ecs) {
    List<String> arns = ecs.listTasks(b -> b.cluster(CLUSTER).serviceName("web").desiredStatus(DesiredStatus.RUNNING))
        .taskArns();
    return arns.isEmpty() ? List.of() : ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arns)).tasks();
  }

  /** The task ARN of every running container of this test, one entry per container. */
  private static List<String> censusArns() throws Exception {
    String out = Host.sh("docker ps --filter label=io.gantry.test=" + LABEL
        + " --format '{{.Label \"com.amazonaws.ecs.task-arn\"}}'");
    return out.isBlank() ? List.of() : List.of(out.strip().split("\\s+"));
  }

  private static void waitStable(AwsCli aws) throws Exception {
    AwsCli.Result stable = aws.ecs("wait", "services-stable", "--cluster", CLUSTER, "--services", "web");
    assertThat(stable.exitCode()).as("aws ecs wait services-stable: %s", stable.stderr()).isZero();
  }

  private static void awaitLog(GantryProcess server, String line, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(100))
        .until(() -> Files.readString(server.dataDir().resolve("server.log")).contains(line));
  }
}
