package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.e2e.support.AgentProcess;
import io.gantry.e2e.support.AwsCli;
import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Node loss with real processes and real containers: two agents (each its own container
 * instance) share the machine's Docker Engine; a four-task service is spread over both. Node A
 * is lost: its agent gets SIGKILL and one of its two containers is killed too (the other keeps
 * running, as on a node cut off with live containers). The control plane notices within the
 * heartbeat limit (1 s x 3 here) and, after the lost-task grace (10 s here), replaces A's service
 * tasks on B: they must be RUNNING within grace + 15 s of the loss. When A comes back it stops
 * the container of the replaced task it still ran, and nothing runs twice (census by label).
 */
class NodeLossIT {
  private static final String CLUSTER = "node-loss";
  private static final String LABEL = "node-loss-it";
  private static final int GRACE_SECONDS = 10;
  @TempDir Path dir;

  @Test
  void serviceTasksOfALostNodeRunElsewhereWithinTheGraceAndNothingRunsTwiceWhenItReturns() throws Exception {
    Path config = Files.writeString(dir.resolve("server.properties"), "lost-task-grace-seconds=" + GRACE_SECONDS + "\n");
    GantryProcess server = GantryProcess.start(dir.resolve("server"), "--config", config.toString(),
        "--heartbeat-interval-seconds", "1", "--heartbeat-missed-limit", "3");
    AgentProcess a = null;
    AgentProcess b = null;
    try (EcsClient ecs = Clients.ecs(server.endpoint())) {
      AwsCli aws = new AwsCli(server.endpoint(), Files.createDirectories(dir.resolve("cli")));
      ecs.createCluster(c -> c.clusterName(CLUSTER));
      a = AgentProcess.start(server.endpoint(), CLUSTER, dir.resolve("agent-a"));
      String instanceA = awaitInstances(ecs, 1).get(0);
      b = AgentProcess.start(server.endpoint(), CLUSTER, dir.resolve("agent-b"));
      awaitInstances(ecs, 2);
      String td = ecs.registerTaskDefinition(r -> r.family("node-loss").containerDefinitions(c -> c.name("main")
          .image("gantry-test/busybox").memory(16).essential(true).stopTimeout(1)
          .dockerLabels(Map.of("io.gantry.test", LABEL)).command("sleep", "3600")))
          .taskDefinition().taskDefinitionArn();
      ecs.createService(s -> s.cluster(CLUSTER).serviceName("web").taskDefinition(td).desiredCount(4)
          .placementStrategy(p -> p.type(PlacementStrategyType.SPREAD).field("instanceId")));
      waitStable(aws);
      List<Task> before = running(ecs);
      List<String> onA = before.stream().filter(t -> instanceA.equals(t.containerInstanceArn()))
          .map(Task::taskArn).sorted().toList();
      assertThat(onA).as("spread puts two of the four tasks on A").hasSize(2);
      List<String> keptAlive = Host.containers(onA.get(1), false);
      assertThat(keptAlive).hasSize(1);

      a.kill();
      long lost = System.nanoTime();
      Host.sh("docker kill " + String.join(" ", Host.containers(onA.get(0), false)));
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() ->
          !Boolean.TRUE.equals(instance(ecs, instanceA).agentConnected()));
      double detected = seconds(lost);
      await().atMost(Duration.ofSeconds(GRACE_SECONDS + 15)).pollInterval(Duration.ofMillis(200)).until(() -> {
        List<Task> now = running(ecs);
        return now.size() == 4 && now.stream().noneMatch(t -> instanceA.equals(t.containerInstanceArn()))
            && now.stream().allMatch(t -> "RUNNING".equals(t.lastStatus()));
      });
      double replaced = seconds(lost);
      System.out.printf("node loss: disconnection noticed %.1f s after the loss; replacements RUNNING on the other"
          + " node %.1f s after it (grace %d s, limit %d s)%n", detected, replaced, GRACE_SECONDS, GRACE_SECONDS + 15);
      List<Task> gaveUp = ecs.describeTasks(d -> d.cluster(CLUSTER).tasks(onA)).tasks();
      assertThat(gaveUp).allSatisfy(t -> assertThat(t.desiredStatus()).isEqualTo("STOPPED"));
      assertThat(Host.containers(onA.get(1), false)).as("A's containers keep running while it is away")
          .isEqualTo(keptAlive);

      a = AgentProcess.start(server.endpoint(), CLUSTER, dir.resolve("agent-a"));
      long back = System.nanoTime();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
          Boolean.TRUE.equals(instance(ecs, instanceA).agentConnected()));
      Host.awaitTasks(ecs, CLUSTER, onA, "STOPPED", Duration.ofSeconds(30));
      List<String> after = running(ecs).stream().map(Task::taskArn).sorted().toList();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
          census().equals(after));
      System.out.printf("node loss: A back, its replaced task's container stopped %.1f s after its restart%n",
          seconds(back));
      assertThat(after).hasSize(4).doesNotContainAnyElementsOf(onA);
      waitStable(aws);
      assertThat(running(ecs).stream().map(Task::taskArn).sorted().toList()).isEqualTo(after);
      assertThat(census()).as("one container per running task, nothing twice").isEqualTo(after);
    } finally {
      if (a != null) {
        a.close();
      }
      if (b != null) {
        b.close();
      }
      server.close();
      Host.sh("docker ps -aq --filter label=io.gantry.test=" + LABEL + " | xargs -r docker rm -f");
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static List<String> awaitInstances(EcsClient ecs, int count) {
    return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      List<String> arns = ecs.listContainerInstances(l -> l.cluster(CLUSTER)).containerInstanceArns();
      return arns.size() == count && arns.stream().allMatch(arn -> Boolean.TRUE.equals(instance(ecs, arn)
          .agentConnected())) ? arns : null;
    }, r -> r != null);
  }

  private static ContainerInstance instance(EcsClient ecs, String arn) {
    return ecs.describeContainerInstances(d -> d.cluster(CLUSTER).containerInstances(arn)).containerInstances().get(0);
  }

  private static List<Task> running(EcsClient ecs) {
    List<String> arns = ecs.listTasks(l -> l.cluster(CLUSTER).serviceName("web").desiredStatus(DesiredStatus.RUNNING))
        .taskArns();
    return arns.isEmpty() ? List.of() : ecs.describeTasks(d -> d.cluster(CLUSTER).tasks(arns)).tasks();
  }

  /** The task ARN of every running container of this test, sorted, one entry per container. */
  private static List<String> census() throws Exception {
    String out = Host.sh("docker ps --filter label=io.gantry.test=" + LABEL
        + " --format '{{.Label \"com.amazonaws.ecs.task-arn\"}}'");
    return out.isBlank() ? List.of() : Arrays.stream(out.strip().split("\\s+")).sorted()
        .collect(Collectors.toList());
  }

  private static void waitStable(AwsCli aws) throws Exception {
    AwsCli.Result stable = aws.ecs("wait", "services-stable", "--cluster", CLUSTER, "--services", "web");
    assertThat(stable.exitCode()).as("aws ecs wait services-stable: %s", stable.stderr()).isZero();
  }
}
