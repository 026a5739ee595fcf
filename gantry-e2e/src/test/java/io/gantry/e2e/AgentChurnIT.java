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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * The agent killed with SIGKILL and restarted ten times while 20 tasks run and other tasks start,
 * finish and are stopped around them. Afterwards a census by container label: each of the 20
 * still has its one original container, never restarted; no task has two containers; every task
 * the control plane shows STOPPED has no running container and every RUNNING one has exactly one
 * (no duplicates, no orphans).
 */
class AgentChurnIT {
  private static final String CLUSTER = "churn";
  private static final String LABEL = "io.gantry.test=agent-churn";
  @TempDir static Path dir;
  static GantryProcess server;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    server = GantryProcess.start(dir.resolve("server"));
    ecs = Clients.ecs(server.endpoint());
    ecs.createCluster(b -> b.clusterName(CLUSTER));
    for (String family : List.of("steady", "brief")) {
      ContainerDefinition main = ContainerDefinition.builder().name("main")
          .image("gantry-test/busybox").memory(8).essential(true).stopTimeout(1)
          .dockerLabels(Map.of("io.gantry.test", "agent-churn"))
          .command("sh", "-c", family.equals("steady") ? "sleep 3600" : "sleep 2").build();
      ecs.registerTaskDefinition(b -> b.family(family).containerDefinitions(main));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    ecs.close();
    server.close();
    Host.sh("docker ps -aq --filter label=" + LABEL + " | xargs -r docker rm -f");
  }

  @Test
  void tenKillsWhileTasksComeAndGoLeaveNoDuplicatesOrOrphans() throws Exception {
    Path agentDir = dir.resolve("agent");
    AgentProcess agent = AgentProcess.start(server.endpoint(), CLUSTER, agentDir);
    Host.awaitOneAgentConnected(ecs, CLUSTER, Duration.ofSeconds(60));
    List<String> steady = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      var run = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition("steady").count(10));
      assertThat(run.failures()).isEmpty();
      run.tasks().forEach(t -> steady.add(t.taskArn()));
    }
    Host.awaitTasks(ecs, CLUSTER, steady, "RUNNING", Duration.ofSeconds(120));
    Map<String, String> containerOf = new HashMap<>();
    Map<String, String> startedAt = new HashMap<>();
    for (String arn : steady) {
      List<String> ids = Host.containers(arn, false);
      assertThat(ids).hasSize(1);
      containerOf.put(arn, ids.get(0));
      startedAt.put(arn, Host.sh("docker inspect -f '{{.State.StartedAt}}' " + ids.get(0)).strip());
    }

    List<String> churned = new CopyOnWriteArrayList<>();
    AtomicBoolean churning = new AtomicBoolean(true);
    Thread churn = new Thread(() -> {
      int n = 0;
      while (churning.get()) {
        try {
          var run = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition("brief").count(2));
          run.tasks().forEach(t -> churned.add(t.taskArn()));
          if (n++ % 2 == 0 && !run.tasks().isEmpty()) {
            ecs.stopTask(b -> b.cluster(CLUSTER).task(run.tasks().get(0).taskArn()).reason("churn"));
          }
          Thread.sleep(700);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // the control plane is up throughout; a failed call is just skipped
        }
      }
    }, "churn");
    churn.start();
    for (int round = 0; round < 10; round++) {
      Thread.sleep(1500);
      agent.kill();
      agent = AgentProcess.start(server.endpoint(), CLUSTER, agentDir);
      Host.awaitOneAgentConnected(ecs, CLUSTER, Duration.ofSeconds(60));
    }
    churning.set(false);
    churn.join(30_000);

    Host.awaitTasks(ecs, CLUSTER, steady, "RUNNING", Duration.ofSeconds(120));
    Host.awaitTasks(ecs, CLUSTER, churned, "STOPPED", Duration.ofSeconds(120));
    for (String arn : steady) {
      assertThat(Host.containers(arn, true)).as("one container ever, the same, for %s", arn)
          .containsExactly(containerOf.get(arn));
      assertThat(Host.sh("docker inspect -f '{{.State.StartedAt}}' " + containerOf.get(arn)).strip())
          .as("never restarted").isEqualTo(startedAt.get(arn));
    }
    assertThat(churned).hasSizeGreaterThan(10);
    for (String arn : churned) {
      assertThat(Host.containers(arn, false)).as("nothing running for stopped %s", arn).isEmpty();
      assertThat(Host.containers(arn, true)).as("at most one container for %s", arn).hasSizeLessThanOrEqualTo(1);
    }
    for (String line : Host.sh("docker ps -q --no-trunc --filter label=" + LABEL
        + " | xargs -r docker inspect -f '{{index .Config.Labels \"com.amazonaws.ecs.task-arn\"}}'").strip().split("\n")) {
      assertThat(steady).as("every running container belongs to a RUNNING task").contains(line.strip());
    }
    agent.close();
  }
}
