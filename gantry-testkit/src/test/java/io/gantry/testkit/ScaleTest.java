package io.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.testkit.agent.AgentShape;
import io.gantry.testkit.agent.LinkState;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A thousand simulated agents (or {@code -Dgantry.sim.agents=N}) register and connect, stay
 * connected past a heartbeat timeout, and run tasks once each. Tagged {@code scale} (about a
 * minute for 1,000 on two cores): run with {@code -Dtestkit.excludedGroups= -Dtest=ScaleTest}.
 * Prints the time to register and connect, the heap the simulation holds (control plane
 * included: both run in this JVM) and the threads it started.
 */
@Tag("scale")
class ScaleTest {
  @Test
  void aThousandAgentsRegisterConnectStayConnectedAndRunTasks() throws Exception {
    int count = Integer.getInteger("gantry.sim.agents", 1000);
    try (SimulatedCluster sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster("scale"));
        EcsClient ecs = Sdk.ecs(sim.endpoint())) {
      long heapBefore = usedHeapAfterGc();
      int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
      long startedBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
      long began = System.nanoTime();

      sim.addAgents(count, i -> AgentShape.standard().inZone("us-east-1" + "abc".charAt(i % 3)));

      double seconds = (System.nanoTime() - began) / 1e9;
      long heapAfter = usedHeapAfterGc();
      System.out.printf("%d agents registered and connected in %.1f s (%.0f/s); heap %d MiB -> %d MiB "
              + "(+%.1f KiB per agent, control plane included); threads %d -> %d (%d started)%n",
          count, seconds, count / seconds, heapBefore >> 20, heapAfter >> 20,
          (heapAfter - heapBefore) / 1024.0 / count, threadsBefore,
          ManagementFactory.getThreadMXBean().getThreadCount(),
          ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - startedBefore);
      assertThat(sim.links()).isEqualTo(Map.of(LinkState.CONNECTED, (long) count));
      assertThat(connectedInstances(ecs)).isEqualTo(count);

      Thread.sleep(Duration.ofSeconds(21).toMillis()); // past the control plane's heartbeat timeout
      assertThat(sim.links()).isEqualTo(Map.of(LinkState.CONNECTED, (long) count));
      assertThat(connectedInstances(ecs)).isEqualTo(count);

      String td = Sdk.register(ecs, "scaled", c -> c);
      List<String> arns = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        ecs.runTask(b -> b.cluster("scale").taskDefinition(td).count(10)).tasks().forEach(t -> arns.add(t.taskArn()));
      }
      Sdk.awaitTasks(ecs, "scale", arns.subList(0, 100), Duration.ofSeconds(60), t -> "RUNNING".equals(t.lastStatus()));
      Census census = sim.census();
      assertThat(census.duplicates()).isEmpty();
      assertThat(census.count("RUNNING")).isEqualTo(100);
    }
  }

  /** Instances the control plane shows connected, paging through them. */
  private static int connectedInstances(EcsClient ecs) {
    int connected = 0;
    String token = null;
    do {
      String next = token;
      ListContainerInstancesResponse page =
          ecs.listContainerInstances(b -> b.cluster("scale").maxResults(100).nextToken(next));
      if (!page.containerInstanceArns().isEmpty()) {
        List<ContainerInstance> described = ecs.describeContainerInstances(
            b -> b.cluster("scale").containerInstances(page.containerInstanceArns())).containerInstances();
        connected += (int) described.stream().filter(ContainerInstance::agentConnected).count();
      }
      token = page.nextToken();
    } while (token != null);
    return connected;
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
