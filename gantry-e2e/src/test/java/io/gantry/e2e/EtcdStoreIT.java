package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.e2e.support.AgentProcess;
import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.Host;
import io.gantry.store.etcd.EtcdProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * The control plane on etcd ({@code gantry server --store etcd --etcd-endpoints …}) against a real
 * etcd member: clusters, task definitions, an agent and a running task survive a SIGKILL of the
 * control plane, the agent reconnects by itself, and the task is still the one RUNNING container.
 */
class EtcdStoreIT {
  @TempDir Path dir;

  @Test
  void stateOnEtcdSurvivesSigkillOfTheControlPlane() throws Exception {
    try (EtcdProcess etcd = EtcdProcess.startSingle()) {
      String endpoints = etcd.endpoints().stream().map(URI::toString).collect(Collectors.joining(","));
      GantryProcess server = GantryProcess.start(dir.resolve("server"), "--store", "etcd", "--etcd-endpoints", endpoints);
      AgentProcess agent = null;
      try {
        List<String> revisions = new ArrayList<>();
        String task;
        try (EcsClient ecs = Clients.ecs(server.endpoint())) {
          ecs.createCluster(b -> b.clusterName("on-etcd"));
          ContainerDefinition main = ContainerDefinition.builder().name("main").image("gantry-test/busybox")
              .memory(16).essential(true).stopTimeout(1).dockerLabels(Map.of("io.gantry.test", "etcd-store"))
              .command("sleep", "3600").build();
          for (int i = 0; i < 5; i++) {
            revisions.add(ecs.registerTaskDefinition(b -> b.family("sleeper").containerDefinitions(main))
                .taskDefinition().taskDefinitionArn());
          }
          agent = AgentProcess.start(server.endpoint(), "on-etcd", dir.resolve("agent"));
          Host.awaitOneAgentConnected(ecs, "on-etcd", Duration.ofSeconds(60));
          task = ecs.runTask(b -> b.cluster("on-etcd").taskDefinition("sleeper")).tasks().get(0).taskArn();
          awaitStatus(ecs, task, "RUNNING");
        }

        server.kill();
        server = server.restart();

        try (EcsClient ecs = Clients.ecs(server.endpoint())) {
          assertThat(ecs.describeClusters(b -> b.clusters("on-etcd")).clusters().get(0).status()).isEqualTo("ACTIVE");
          assertThat(ecs.listTaskDefinitions(b -> b.familyPrefix("sleeper")).taskDefinitionArns())
              .containsExactlyElementsOf(revisions);
          Host.awaitOneAgentConnected(ecs, "on-etcd", Duration.ofSeconds(60));
          awaitStatus(ecs, task, "RUNNING");
          assertThat(Host.sh("docker ps -q --filter label=com.amazonaws.ecs.task-arn=" + task).strip().split("\\s+"))
              .hasSize(1);
          ecs.stopTask(b -> b.cluster("on-etcd").task(task));
          awaitStatus(ecs, task, "STOPPED");
        }
      } finally {
        if (agent != null) {
          agent.close();
        }
        server.close();
        Host.sh("docker ps -aq --filter label=io.gantry.test=etcd-store | xargs -r docker rm -f");
      }
    }
  }

  private static void awaitStatus(EcsClient ecs, String task, String status) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
        status.equals(ecs.describeTasks(b -> b.cluster("on-etcd").tasks(task)).tasks().get(0).lastStatus()));
  }
}
