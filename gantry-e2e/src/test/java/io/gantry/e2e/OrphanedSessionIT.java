package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.e2e.support.AgentProcess;
import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/**
 * The control plane and a machine lost together: SIGKILL of the server (it never sees the agent's
 * session end), then of the agent, which never comes back. The restarted server still finds the
 * instance recorded as connected; its beacon-less claim is recognised as belonging to a replica
 * that is gone, and the instance is marked disconnected (so its service tasks get replaced after
 * the grace) within the 15 s silence limit plus a sweep. Before, it stayed connected for ever.
 */
class OrphanedSessionIT {
  @TempDir Path dir;

  @Test
  void anAgentLostWithTheServerIsMarkedDisconnectedAfterTheRestart() throws Exception {
    GantryProcess server = GantryProcess.start(dir.resolve("data"));
    AgentProcess agent = null;
    GantryProcess restarted = null;
    try {
      try (EcsClient ecs = Clients.ecs(server.endpoint())) {
        ecs.createCluster(r -> r.clusterName("orphans"));
        agent = AgentProcess.start(server.endpoint(), "orphans", dir.resolve("agent"),
            Map.of("AWS_ACCESS_KEY_ID", GantryProcess.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", GantryProcess.SECRET_KEY));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> instance(ecs).agentConnected());
      }
      server.kill();
      agent.kill();
      long restartedAt = System.nanoTime();
      restarted = server.restart();
      try (EcsClient ecs = Clients.ecs(restarted.endpoint())) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> instance(ecs) != null);
        assertThat(instance(ecs).agentConnected()).as("recorded connected before the crash").isTrue();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
            .until(() -> !instance(ecs).agentConnected());
        System.out.printf("orphaned session: marked disconnected %.1f s after the restart began%n",
            (System.nanoTime() - restartedAt) / 1e9);
      }
    } finally {
      if (agent != null) {
        agent.close();
      }
      if (restarted != null) {
        restarted.close();
      }
      server.close();
    }
  }

  private static ContainerInstance instance(EcsClient ecs) {
    String arn = ecs.listContainerInstances(r -> r.cluster("orphans")).containerInstanceArns().get(0);
    return ecs.describeContainerInstances(r -> r.cluster("orphans").containerInstances(arn))
        .containerInstances().get(0);
  }
}
