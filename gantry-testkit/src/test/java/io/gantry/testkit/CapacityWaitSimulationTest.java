package io.gantry.testkit;

import static io.gantry.testkit.Sdk.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.testkit.agent.AgentShape;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Waiting for capacity under the real control plane (its leader runs the capacity-wait
 * controller), through the AWS SDK: on a provider with managed scaling and no agents yet,
 * RunTask's tasks are PROVISIONING without an instance while a service on the same provider
 * creates no task (it keeps its own retry, no churn of stand-ins); when two simulated agents join
 * the provider, the waiting tasks are placed on them and run, and the service reaches its count.
 */
class CapacityWaitSimulationTest {
  static final String CLUSTER = "waits";
  static SimulatedCluster sim;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster(CLUSTER));
    ecs = Sdk.ecs(sim.endpoint());
    ecs.createCapacityProvider(b -> b.name("burst").autoScalingGroupProvider(g -> g.autoScalingGroupArn("burst-asg")
        .managedScaling(m -> m.status("ENABLED").targetCapacity(100).instanceWarmupPeriod(0))));
    ecs.putClusterCapacityProviders(b -> b.cluster(CLUSTER).capacityProviders("burst")
        .defaultCapacityProviderStrategy(CapacityProviderStrategyItem.builder().capacityProvider("burst").weight(1)
            .build()));
  }

  @AfterAll
  static void stop() {
    ecs.close();
    sim.close();
  }

  @Test
  void waitingTasksArePlacedWhenAgentsJoinAndAServiceKeepsItsOwnRetry() throws Exception {
    String td = register(ecs, "waits", c -> c);
    List<Task> waiting = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition(td).count(3)).tasks();
    assertThat(waiting).hasSize(3).allSatisfy(t -> {
      assertThat(t.lastStatus()).isEqualTo("PROVISIONING");
      assertThat(t.containerInstanceArn()).isNull();
      assertThat(t.capacityProviderName()).isEqualTo("burst");
    });
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("svc").taskDefinition(td).desiredCount(2));
    Thread.sleep(4000); // the service controller has tried, and the capacity-wait controller has passed, twice
    assertThat(ecs.listTasks(b -> b.cluster(CLUSTER).serviceName("svc")).taskArns()).isEmpty();
    assertThat(ecs.listTasks(b -> b.cluster(CLUSTER).serviceName("svc").desiredStatus("STOPPED")).taskArns())
        .isEmpty();
    List<String> arns = waiting.stream().map(Task::taskArn).toList();
    assertThat(ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arns)).tasks())
        .allMatch(t -> "PROVISIONING".equals(t.lastStatus()));

    sim.addAgents(2, i -> AgentShape.standard().inCapacityProvider("burst"));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> ecs.describeTasks(b -> b
        .cluster(CLUSTER).tasks(arns)).tasks().stream().allMatch(t -> "RUNNING".equals(t.lastStatus())));
    ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arns)).tasks().forEach(t -> {
      assertThat(t.containerInstanceArn()).isNotNull();
      assertThat(sim.agentOf(t.containerInstanceArn())).isPresent();
    });
    await().atMost(Duration.ofSeconds(60)).until(() -> ecs.describeServices(b -> b.cluster(CLUSTER).services("svc"))
        .services().get(0).runningCount() == 2);
    // Every task once: the census of the agents holds exactly the five tasks, each on one agent.
    long running = sim.census().byAgent().values().stream().flatMap(m -> m.entrySet().stream())
        .filter(e -> "RUNNING".equals(e.getValue())).count();
    assertThat(running).isEqualTo(5);
  }
}
