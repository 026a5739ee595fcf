package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.e2e.support.AgentProcess;
import io.gantry.e2e.support.AwsCli;
import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.Host;
import io.gantry.e2e.support.PartitionProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A real agent cut off from the control plane for two and a half minutes (below the default
 * 180 s lost-task grace; a proxy between them passes nothing,
 * keeping the connections open): the control plane notices by missed heartbeats (1 s x 3 here),
 * the containers keep running, a stop and a scale-up asked for meanwhile wait; after healing the
 * agent reconnects, the stopped task's container goes, the service reaches its new desired count,
 * the tasks that ran through the partition are the same containers, and nothing runs twice.
 */
class PartitionIT {
  private static final String CLUSTER = "partition";
  private static final String LABEL = "partition-it";
  private static final Duration PARTITION = Duration.ofSeconds(150);
  @TempDir Path dir;

  @Test
  void tasksKeepRunningThroughAPartitionAndTheStateIsReconciledAfterwards() throws Exception {
    GantryProcess server = GantryProcess.start(dir.resolve("server"), "--heartbeat-interval-seconds", "1",
        "--heartbeat-missed-limit", "3");
    AgentProcess agent = null;
    try (PartitionProxy proxy = new PartitionProxy(server.endpoint());
        EcsClient ecs = Clients.ecs(server.endpoint())) {
      AwsCli aws = new AwsCli(server.endpoint(), Files.createDirectories(dir.resolve("cli")));
      ecs.createCluster(b -> b.clusterName(CLUSTER));
      agent = AgentProcess.start(proxy.url(), CLUSTER, dir.resolve("agent"));
      Host.awaitOneAgentConnected(ecs, CLUSTER, Duration.ofSeconds(60));
      String td = ecs.registerTaskDefinition(b -> b.family("partition").containerDefinitions(c -> c.name("main")
          .image("gantry-test/busybox").memory(16).essential(true).stopTimeout(1)
          .dockerLabels(Map.of("io.gantry.test", LABEL)).command("sleep", "3600")))
          .taskDefinition().taskDefinitionArn();
      List<String> standalone = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition(td).count(2)).tasks().stream()
          .map(Task::taskArn).toList();
      ecs.createService(b -> b.cluster(CLUSTER).serviceName("web").taskDefinition(td).desiredCount(2));
      waitStable(aws);
      Host.awaitTasks(ecs, CLUSTER, standalone, "RUNNING", Duration.ofSeconds(60));
      Set<String> before = new HashSet<>(serviceTasks(ecs));
      Map<String, List<String>> containers = new java.util.HashMap<>();
      for (String arn : union(before, standalone)) {
        containers.put(arn, Host.containers(arn, false));
      }

      proxy.partition();
      long began = System.nanoTime();
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> !Boolean.TRUE.equals(
          ecs.describeContainerInstances(b -> b.cluster(CLUSTER).containerInstances(
              ecs.listContainerInstances(l -> l.cluster(CLUSTER)).containerInstanceArns())).containerInstances()
              .get(0).agentConnected()));
      System.out.printf("partition: agent seen disconnected %.1f s after the cut%n", (System.nanoTime() - began) / 1e9);
      String stopped = standalone.get(1);
      ecs.stopTask(b -> b.cluster(CLUSTER).task(stopped));
      ecs.updateService(b -> b.cluster(CLUSTER).service("web").desiredCount(3));
      Thread.sleep(Math.max(0, PARTITION.toMillis() - (System.nanoTime() - began) / 1_000_000));
      for (Map.Entry<String, List<String>> e : containers.entrySet()) {
        assertThat(Host.containers(e.getKey(), false)).as("still running while cut off: %s", e.getKey())
            .isEqualTo(e.getValue());
      }

      proxy.heal();
      long healed = System.nanoTime();
      Host.awaitOneAgentConnected(ecs, CLUSTER, Duration.ofSeconds(60));
      System.out.printf("partition: agent connected again %.1f s after healing%n", (System.nanoTime() - healed) / 1e9);
      Host.awaitTasks(ecs, CLUSTER, List.of(stopped), "STOPPED", Duration.ofSeconds(60));
      waitStable(aws);
      List<String> after = serviceTasks(ecs);
      assertThat(after).hasSize(3).containsAll(before);
      Host.awaitTasks(ecs, CLUSTER, after, "RUNNING", Duration.ofSeconds(30));
      Host.awaitTasks(ecs, CLUSTER, List.of(standalone.get(0)), "RUNNING", Duration.ofSeconds(30));
      for (String arn : union(before, List.of(standalone.get(0)))) {
        assertThat(Host.containers(arn, false)).as("the same container: %s", arn).isEqualTo(containers.get(arn));
      }
      Set<String> expected = union(new HashSet<>(after), List.of(standalone.get(0)));
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> census().equals(
          expected.stream().sorted().toList()));
    } finally {
      if (agent != null) {
        agent.close();
      }
      server.close();
      Host.sh("docker ps -aq --filter label=io.gantry.test=" + LABEL + " | xargs -r docker rm -f");
    }
  }

  private static Set<String> union(Set<String> a, List<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }

  private static List<String> serviceTasks(EcsClient ecs) {
    return ecs.listTasks(b -> b.cluster(CLUSTER).serviceName("web").desiredStatus(DesiredStatus.RUNNING)).taskArns();
  }

  /** The task ARN of every running container of this test, sorted, one entry per container. */
  private static List<String> census() throws Exception {
    String out = Host.sh("docker ps --filter label=io.gantry.test=" + LABEL
        + " --format '{{.Label \"com.amazonaws.ecs.task-arn\"}}'");
    return out.isBlank() ? List.of() : java.util.Arrays.stream(out.strip().split("\\s+")).sorted().toList();
  }

  private static void waitStable(AwsCli aws) throws Exception {
    AwsCli.Result stable = aws.ecs("wait", "services-stable", "--cluster", CLUSTER, "--services", "web");
    assertThat(stable.exitCode()).as("aws ecs wait services-stable: %s", stable.stderr()).isZero();
  }
}
