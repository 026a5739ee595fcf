package io.gantry.testkit;

import static io.gantry.testkit.Sdk.register;
import static io.gantry.testkit.ServiceChecks.awaitStable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.testkit.agent.AgentShape;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Capacity providers on ten simulated agents (four in "ondemand", six in "spot") under the real
 * control plane, through the AWS SDK: RunTask with a strategy lands each provider's share (base
 * first, then by weight) on that provider's agents and the tasks run; the cluster's default
 * strategy applies when neither a strategy nor a launch type is given; a service with a strategy
 * keeps its tasks split by weight as it scales.
 */
class CapacityProviderSimulationTest {
  static final String CLUSTER = "capacity";
  static SimulatedCluster sim;
  static EcsClient ecs;
  static Map<String, String> providerOf;

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster(CLUSTER));
    ecs = Sdk.ecs(sim.endpoint());
    for (String name : List.of("ondemand", "spot")) {
      ecs.createCapacityProvider(b -> b.name(name).autoScalingGroupProvider(g -> g.autoScalingGroupArn(name + "-asg")));
    }
    ecs.putClusterCapacityProviders(b -> b.cluster(CLUSTER).capacityProviders("ondemand", "spot")
        .defaultCapacityProviderStrategy(item("spot", 1, 0)));
    sim.addAgents(10, i -> AgentShape.standard().inCapacityProvider(i < 4 ? "ondemand" : "spot"));
    List<ContainerInstance> instances = ecs.describeContainerInstances(b -> b.cluster(CLUSTER).containerInstances(
        ecs.listContainerInstances(l -> l.cluster(CLUSTER)).containerInstanceArns())).containerInstances();
    providerOf = instances.stream().collect(Collectors.toMap(ContainerInstance::containerInstanceArn,
        ContainerInstance::capacityProviderName));
    await().atMost(Duration.ofSeconds(30)).until(() -> sim.agents().stream().allMatch(a -> {
      try {
        return sim.agentConnected(a);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }));
  }

  @AfterAll
  static void stop() {
    ecs.close();
    sim.close();
  }

  static CapacityProviderStrategyItem item(String name, int weight, int base) {
    return CapacityProviderStrategyItem.builder().capacityProvider(name).weight(weight).base(base).build();
  }

  private static Map<String, Long> byProvider(List<Task> tasks) {
    return tasks.stream().collect(Collectors.groupingBy(Task::capacityProviderName, Collectors.counting()));
  }

  @Test
  void agentsJoinTheirProviders() {
    assertThat(providerOf.values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
        .containsExactlyInAnyOrderEntriesOf(Map.of("ondemand", 4L, "spot", 6L));
  }

  @Test
  void runTaskSplitsBaseFirstThenByWeightAndTheTasksRunOnTheirProvidersAgents() {
    String td = register(ecs, "split", c -> c);
    List<Task> tasks = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition(td).count(10)
        .capacityProviderStrategy(item("ondemand", 1, 2), item("spot", 3, 0))).tasks();
    assertThat(byProvider(tasks)).containsExactlyInAnyOrderEntriesOf(Map.of("ondemand", 4L, "spot", 6L));
    assertThat(tasks).allSatisfy(t -> {
      assertThat(providerOf.get(t.containerInstanceArn())).isEqualTo(t.capacityProviderName());
      assertThat(t.launchTypeAsString()).isEqualTo("EC2");
    });
    List<String> arns = tasks.stream().map(Task::taskArn).toList();
    await().atMost(Duration.ofSeconds(30)).until(() -> ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arns)).tasks()
        .stream().allMatch(t -> "RUNNING".equals(t.lastStatus())));
    ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arns)).tasks().forEach(t ->
        assertThat(sim.agentOf(t.containerInstanceArn())).isPresent());
    arns.forEach(a -> ecs.stopTask(b -> b.cluster(CLUSTER).task(a)));
  }

  @Test
  void theDefaultStrategyAppliesWithoutALaunchType() {
    String td = register(ecs, "default-strategy", c -> c);
    List<Task> tasks = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition(td).count(4)).tasks();
    assertThat(tasks).hasSize(4).allSatisfy(t -> {
      assertThat(t.capacityProviderName()).isEqualTo("spot");
      assertThat(providerOf.get(t.containerInstanceArn())).isEqualTo("spot");
    });
    tasks.forEach(t -> ecs.stopTask(b -> b.cluster(CLUSTER).task(t.taskArn())));
  }

  @Test
  void aServiceKeepsItsTasksSplitByWeightAsItScales() {
    String td = register(ecs, "svc", c -> c);
    var created = ecs.createService(b -> b.cluster(CLUSTER).serviceName("split").taskDefinition(td).desiredCount(6)
        .capacityProviderStrategy(item("ondemand", 1, 0), item("spot", 2, 0))).service();
    assertThat(created.launchType()).isNull();
    assertThat(created.capacityProviderStrategy()).extracting(CapacityProviderStrategyItem::capacityProvider)
        .containsExactly("ondemand", "spot");
    assertThat(created.deployments().get(0).capacityProviderStrategy()).hasSize(2);
    awaitStable(ecs, CLUSTER, "split", Duration.ofSeconds(60));
    assertThat(byProvider(running("split"))).containsExactlyInAnyOrderEntriesOf(Map.of("ondemand", 2L, "spot", 4L));

    ecs.updateService(b -> b.cluster(CLUSTER).service("split").desiredCount(9));
    awaitStable(ecs, CLUSTER, "split", Duration.ofSeconds(60));
    assertThat(byProvider(running("split"))).containsExactlyInAnyOrderEntriesOf(Map.of("ondemand", 3L, "spot", 6L));

    ecs.updateService(b -> b.cluster(CLUSTER).service("split").desiredCount(3)); // scale-in keeps the split
    awaitStable(ecs, CLUSTER, "split", Duration.ofSeconds(60));
    assertThat(byProvider(running("split"))).containsExactlyInAnyOrderEntriesOf(Map.of("ondemand", 1L, "spot", 2L));
    ecs.deleteService(b -> b.cluster(CLUSTER).service("split").force(true));
  }

  private static List<Task> running(String service) {
    return ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, service, DesiredStatus.RUNNING));
  }
}
