package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.e2e.support.AgentProcess;
import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Restart safety of the agent, with real processes and real containers: the agent is killed with
 * SIGKILL and started again on the same data directory, repeatedly. Running containers are
 * adopted (never restarted, never duplicated); a container that died while the agent was away
 * and a task stopped while it was away both end STOPPED, reported with exit codes.
 */
class AgentRestartIT {
  private static final String CLUSTER = "restarts";
  @TempDir static Path dir;
  static GantryProcess server;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    server = GantryProcess.start(dir.resolve("server"));
    ecs = Clients.ecs(server.endpoint());
    ecs.createCluster(b -> b.clusterName(CLUSTER));
    ecs.registerTaskDefinition(b -> b.family("sleeper").containerDefinitions(c -> c.name("main")
        .image("gantry-test/busybox").memory(16).essential(true).stopTimeout(1)
        .dockerLabels(Map.of("io.gantry.test", "agent-restart"))
        .command("sleep", "3600")));
  }

  @AfterAll
  static void stop() throws Exception {
    ecs.close();
    server.close();
    sh("docker ps -aq --filter label=io.gantry.test=agent-restart | xargs -r docker rm -f");
  }

  @Test
  void killNineLoopAdoptsRunningContainersAndReportsWhatHappenedMeanwhile() throws Exception {
    Path agentDir = dir.resolve("agent");
    AgentProcess agent = AgentProcess.start(server.endpoint(), CLUSTER, agentDir);
    awaitConnected();
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      var run = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition("sleeper").count(3));
      assertThat(run.failures()).isEmpty();
      run.tasks().forEach(t -> tasks.add(t.taskArn()));
    }
    awaitAll(tasks, "RUNNING");
    Map<String, String> containerOf = new HashMap<>();
    Map<String, String> startedAt = new HashMap<>();
    for (String arn : tasks) {
      List<String> ids = containers(arn);
      assertThat(ids).hasSize(1);
      containerOf.put(arn, ids.get(0));
      startedAt.put(arn, sh("docker inspect -f '{{.State.StartedAt}}' " + ids.get(0)).strip());
    }

    for (int round = 0; round < 3; round++) {
      agent.kill();
      agent = AgentProcess.start(server.endpoint(), CLUSTER, agentDir);
      awaitAll(tasks, "RUNNING");
      for (String arn : tasks) {
        assertThat(containers(arn)).as("one container, the same, for %s", arn).containsExactly(containerOf.get(arn));
        assertThat(sh("docker inspect -f '{{.State.StartedAt}}' " + containerOf.get(arn)).strip())
            .as("never restarted").isEqualTo(startedAt.get(arn));
      }
    }

    // While the agent is away: one container dies, one task is stopped by the user.
    agent.kill();
    String died = tasks.remove(0);
    String stopped = tasks.remove(0);
    sh("docker kill --signal KILL " + containerOf.get(died));
    ecs.stopTask(b -> b.cluster(CLUSTER).task(stopped).reason("stopped while the agent was away"));
    agent = AgentProcess.start(server.endpoint(), CLUSTER, agentDir);
    awaitAll(List.of(died, stopped), "STOPPED");
    Task diedTask = describe(died);
    assertThat(diedTask.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(diedTask.containers().get(0).exitCode()).isEqualTo(137);
    Task stoppedTask = describe(stopped);
    assertThat(stoppedTask.stoppedReason()).isEqualTo("stopped while the agent was away");
    awaitAll(tasks, "RUNNING");
    for (String arn : tasks) {
      assertThat(containers(arn)).containsExactly(containerOf.get(arn));
    }
    assertThat(ecs.listTasks(b -> b.cluster(CLUSTER).desiredStatus(DesiredStatus.RUNNING)).taskArns())
        .containsExactlyInAnyOrderElementsOf(tasks);

    for (String arn : tasks) {
      ecs.stopTask(b -> b.cluster(CLUSTER).task(arn));
    }
    awaitAll(tasks, "STOPPED");
    agent.close();
  }

  private static void awaitConnected() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      var arns = ecs.listContainerInstances(b -> b.cluster(CLUSTER)).containerInstanceArns();
      return arns.size() == 1 && Boolean.TRUE.equals(ecs.describeContainerInstances(b -> b.cluster(CLUSTER)
          .containerInstances(arns)).containerInstances().get(0).agentConnected());
    });
  }

  private static void awaitAll(List<String> arns, String status) {
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
        ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arns)).tasks().stream()
            .allMatch(t -> t.lastStatus().equals(status)));
  }

  private static Task describe(String arn) {
    return ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arn)).tasks().get(0);
  }

  private static List<String> containers(String taskArn) throws Exception {
    String out = sh("docker ps -q --no-trunc --filter label=com.amazonaws.ecs.task-arn=" + taskArn);
    return out.isBlank() ? List.of() : List.of(out.strip().split("\\s+"));
  }

  private static String sh(String command) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }
}
