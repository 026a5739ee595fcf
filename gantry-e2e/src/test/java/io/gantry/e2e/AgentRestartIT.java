package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.e2e.support.AgentProcess;
import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.Host;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Host.sh("docker ps -aq --filter label=io.gantry.test=agent-restart | xargs -r docker rm -f");
  }

  @Test
  void killNineLoopAdoptsRunningContainersAndReportsWhatHappenedMeanwhile() throws Exception {
    Path agentDir = dir.resolve("agent");
    AgentProcess agent = AgentProcess.start(server.endpoint(), CLUSTER, agentDir);
    Host.awaitOneAgentConnected(ecs, CLUSTER, Duration.ofSeconds(30));
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      var run = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition("sleeper").count(3));
      assertThat(run.failures()).isEmpty();
      run.tasks().forEach(t -> tasks.add(t.taskArn()));
    }
    Host.awaitTasks(ecs, CLUSTER, tasks, "RUNNING", Duration.ofSeconds(90));
    Map<String, String> containerOf = new HashMap<>();
    Map<String, String> startedAt = new HashMap<>();
    for (String arn : tasks) {
      List<String> ids = Host.containers(arn, false);
      assertThat(ids).hasSize(1);
      containerOf.put(arn, ids.get(0));
      startedAt.put(arn, Host.sh("docker inspect -f '{{.State.StartedAt}}' " + ids.get(0)).strip());
    }

    for (int round = 0; round < 3; round++) {
      agent.kill();
      agent = AgentProcess.start(server.endpoint(), CLUSTER, agentDir);
      Host.awaitTasks(ecs, CLUSTER, tasks, "RUNNING", Duration.ofSeconds(90));
      for (String arn : tasks) {
        assertThat(Host.containers(arn, false)).as("one container, the same, for %s", arn).containsExactly(containerOf.get(arn));
        assertThat(Host.sh("docker inspect -f '{{.State.StartedAt}}' " + containerOf.get(arn)).strip())
            .as("never restarted").isEqualTo(startedAt.get(arn));
      }
    }

    // While the agent is away: one container dies, one task is stopped by the user.
    agent.kill();
    String died = tasks.remove(0);
    String stopped = tasks.remove(0);
    Host.sh("docker kill --signal KILL " + containerOf.get(died));
    ecs.stopTask(b -> b.cluster(CLUSTER).task(stopped).reason("stopped while the agent was away"));
    agent = AgentProcess.start(server.endpoint(), CLUSTER, agentDir);
    Host.awaitTasks(ecs, CLUSTER, List.of(died, stopped), "STOPPED", Duration.ofSeconds(90));
    Task diedTask = describe(died);
    assertThat(diedTask.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(diedTask.containers().get(0).exitCode()).isEqualTo(137);
    Task stoppedTask = describe(stopped);
    assertThat(stoppedTask.stoppedReason()).isEqualTo("stopped while the agent was away");
    Host.awaitTasks(ecs, CLUSTER, tasks, "RUNNING", Duration.ofSeconds(90));
    for (String arn : tasks) {
      assertThat(Host.containers(arn, false)).containsExactly(containerOf.get(arn));
    }
    assertThat(ecs.listTasks(b -> b.cluster(CLUSTER).desiredStatus(DesiredStatus.RUNNING)).taskArns())
        .containsExactlyInAnyOrderElementsOf(tasks);

    for (String arn : tasks) {
      ecs.stopTask(b -> b.cluster(CLUSTER).task(arn));
    }
    Host.awaitTasks(ecs, CLUSTER, tasks, "STOPPED", Duration.ofSeconds(90));
    agent.close();
  }

  private static Task describe(String arn) {
    return ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arn)).tasks().get(0);
  }
}
