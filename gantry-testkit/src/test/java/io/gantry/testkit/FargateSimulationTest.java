package io.gantry.testkit;

import static io.gantry.testkit.Sdk.awaitTasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.testkit.agent.AgentShape;
import io.gantry.testkit.agent.SimulatedAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * FARGATE tasks on managed capacity, through the AWS SDK: three simulated managed agents (2 vCPU,
 * 4 GiB each) in the reserved cluster, and two user clusters that run FARGATE tasks on them
 * without registering any instance. Each test has its own control plane.
 */
class FargateSimulationTest {
  static final List<String> CLUSTERS = List.of("alpha", "beta");
  static final NetworkConfiguration NETWORK = NetworkConfiguration.builder()
      .awsvpcConfiguration(b -> b.subnets("subnet-sima", "subnet-simb", "subnet-simc")).build();
  static final String SUBNETS = "subnet-sima=10.209.10.0/24@us-east-1a,subnet-simb=10.209.11.0/24@us-east-1b,"
      + "subnet-simc=10.209.12.0/24@us-east-1c";
  io.gantry.testkit.server.EmbeddedServer server;
  SimulatedCluster sim;
  EcsClient ecs;
  List<SimulatedAgent> nodes;

  @BeforeEach
  void start() throws Exception {
    server = io.gantry.testkit.server.EmbeddedServer.start(java.time.Clock.systemUTC(),
        c -> c.withSubnets(SUBNETS, null));
    sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster(SimulatedCluster.MANAGED_CLUSTER)
        .attachedTo(server.endpoint(), io.gantry.testkit.server.EmbeddedServer.ACCESS_KEY,
            io.gantry.testkit.server.EmbeddedServer.SECRET_KEY));
    nodes = sim.addAgents(3, i -> AgentShape.standard().withCpu(2048).withMemory(4096)
        .inZone(List.of("us-east-1a", "us-east-1b", "us-east-1c").get(i)));
    ecs = Sdk.ecs(sim.endpoint());
    for (String c : CLUSTERS) {
      ecs.createCluster(b -> b.clusterName(c).capacityProviders("FARGATE", "FARGATE_SPOT"));
    }
    register("small", "512", "1024");
    register("large", "1024", "2048");
    Sdk.register(ecs, "plain", c -> c.memory(64));
  }

  @AfterEach
  void stop() {
    ecs.close();
    sim.close();
    server.close();
  }

  private void register(String family, String cpu, String memory) {
    ecs.registerTaskDefinition(b -> b.family(family).networkMode("awsvpc").requiresCompatibilitiesWithStrings("FARGATE")
        .cpu(cpu).memory(memory).containerDefinitions(ContainerDefinition.builder().name("app").image("busybox")
            .essential(true).build()));
  }

  private RunTaskResponse runFargate(String cluster, String family, int count) {
    return ecs.runTask(b -> b.cluster(cluster).taskDefinition(family).count(count).launchType("FARGATE")
        .networkConfiguration(NETWORK));
  }

  private RunTaskResponse runOn(String provider, String cluster, String family, int count) {
    return ecs.runTask(b -> b.cluster(cluster).taskDefinition(family).count(count).networkConfiguration(NETWORK)
        .capacityProviderStrategy(CapacityProviderStrategyItem.builder().capacityProvider(provider).weight(1).build()));
  }

  @Test
  void concurrentRunTasksFromTwoClustersFillManagedNodesWithoutOvercommitAndSpreadAcrossThem() throws Exception {
    // 3 nodes × 4 tasks of 512 CPU / 1024 MiB fit; 16 are asked for, 8 from each cluster, at once.
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<RunTaskResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String cluster = CLUSTERS.get(i % 2);
      calls.add(pool.submit((Callable<RunTaskResponse>) () -> runFargate(cluster, "small", 2)));
    }
    List<Task> placed = new ArrayList<>();
    int failures = 0;
    for (Future<RunTaskResponse> f : calls) {
      RunTaskResponse r = f.get();
      placed.addAll(r.tasks());
      failures += r.failures().size();
      r.failures().forEach(x -> assertThat(x.reason()).startsWith("RESOURCE:"));
    }
    pool.shutdown();
    assertThat(placed).hasSize(12);
    assertThat(failures).isPositive();
    for (Task t : placed) {
      assertThat(t.launchType().toString()).isEqualTo("FARGATE");
      assertThat(t.containerInstanceArn()).isNull();
      assertThat(t.lastStatus()).isEqualTo("PROVISIONING");
      assertThat(t.platformVersion()).isEqualTo("1.4.0");
      assertThat(t.capacityProviderName()).isEqualTo("FARGATE");
    }
    for (String c : CLUSTERS) {
      List<String> arns = placed.stream().filter(t -> t.clusterArn().endsWith("/" + c)).map(Task::taskArn).toList();
      awaitTasks(ecs, c, arns, Duration.ofSeconds(30), t -> "RUNNING".equals(t.lastStatus()));
    }
    // Each managed node runs exactly 4 tasks, from both clusters: none is overcommitted, all are used.
    Map<String, Map<String, String>> census = sim.census().byAgent();
    assertThat(census).hasSize(3);
    census.values().forEach(tasks -> assertThat(tasks).hasSize(4));
    assertThat(census.values().stream().flatMap(m -> m.keySet().stream()))
        .anyMatch(arn -> arn.contains("/alpha/")).anyMatch(arn -> arn.contains("/beta/"));
    assertThat(sim.census().duplicates()).isEmpty();
    // Managed nodes are no user cluster's instances; EC2 launches never land there.
    for (String c : CLUSTERS) {
      assertThat(ecs.listContainerInstances(b -> b.cluster(c)).containerInstanceArns()).isEmpty();
      assertThatThrownBy(() -> ecs.runTask(b -> b.cluster(c).taskDefinition("plain").launchType("EC2")))
          .isInstanceOf(InvalidParameterException.class).hasMessageContaining("No Container Instances were found");
      // Each cluster counts its own FARGATE tasks as running.
      long mine = placed.stream().filter(t -> t.clusterArn().endsWith("/" + c)).count();
      assertThat(ecs.describeClusters(b -> b.clusters(c)).clusters().get(0).runningTasksCount()).isEqualTo((int) mine);
    }
    assertThat(ecs.listClusters().clusterArns()).noneMatch(a -> a.endsWith("/" + SimulatedCluster.MANAGED_CLUSTER));
    assertThat(ecs.describeClusters(b -> b.clusters(SimulatedCluster.MANAGED_CLUSTER)).failures()).hasSize(1);
    assertThatThrownBy(() -> ecs.runTask(b -> b.cluster(SimulatedCluster.MANAGED_CLUSTER).taskDefinition("small")))
        .hasMessageContaining("Cluster not found");
    // Stopping frees the room for the other cluster.
    Task first = placed.get(0);
    String firstCluster = first.clusterArn().substring(first.clusterArn().lastIndexOf('/') + 1);
    ecs.stopTask(b -> b.cluster(firstCluster).task(first.taskArn()));
    awaitTasks(ecs, firstCluster, List.of(first.taskArn()), Duration.ofSeconds(30), t -> "STOPPED".equals(t.lastStatus()));
    String other = firstCluster.equals("alpha") ? "beta" : "alpha";
    assertThat(runFargate(other, "small", 1).tasks()).hasSize(1);
  }

  @Test
  void aRegularTaskThatFitsNowhereInterruptsSpotTasksAndRunsOnceTheyHaveStopped() throws Exception {
    // Six Spot tasks of 1024 CPU fill the three nodes (two each).
    RunTaskResponse spot = runOn("FARGATE_SPOT", "alpha", "large", 6);
    assertThat(spot.tasks()).hasSize(6);
    assertThat(spot.tasks()).allMatch(t -> "FARGATE_SPOT".equals(t.capacityProviderName()));
    List<String> spotArns = spot.tasks().stream().map(Task::taskArn).toList();
    awaitTasks(ecs, "alpha", spotArns, Duration.ofSeconds(30), t -> "RUNNING".equals(t.lastStatus()));
    // No room for another Spot task: Spot never interrupts Spot.
    assertThat(runOn("FARGATE_SPOT", "beta", "large", 1).failures()).isNotEmpty();

    RunTaskResponse regular = runOn("FARGATE", "beta", "large", 1);
    assertThat(regular.failures()).isEmpty();
    Task waiting = regular.tasks().get(0);
    assertThat(waiting.lastStatus()).isEqualTo("PROVISIONING");

    List<Task> after = awaitTasks(ecs, "alpha", spotArns, Duration.ofSeconds(30),
        t -> "RUNNING".equals(t.lastStatus()) || "STOPPED".equals(t.lastStatus()));
    List<Task> interrupted = after.stream().filter(t -> "STOPPED".equals(t.desiredStatus())).toList();
    assertThat(interrupted).hasSize(1);
    Task victim = awaitTasks(ecs, "alpha", List.of(interrupted.get(0).taskArn()), Duration.ofSeconds(30),
        t -> "STOPPED".equals(t.lastStatus())).get(0);
    assertThat(victim.stopCodeAsString()).isEqualTo("SpotInterruption");
    assertThat(victim.stoppedReason()).isEqualTo("Your Spot Task was interrupted.");

    Task running = awaitTasks(ecs, "beta", List.of(waiting.taskArn()), Duration.ofSeconds(30),
        t -> "RUNNING".equals(t.lastStatus())).get(0);
    assertThat(running.capacityProviderName()).isEqualTo("FARGATE");
    // The regular task runs on the node the victim left, which still runs one Spot task.
    Map<String, Map<String, String>> census = sim.census().byAgent();
    String node = census.entrySet().stream().filter(e -> e.getValue().containsKey(waiting.taskArn()))
        .map(Map.Entry::getKey).findFirst().orElseThrow();
    assertThat(census.get(node).entrySet()).filteredOn(e -> !"STOPPED".equals(e.getValue())).hasSize(2);
    assertThat(ecs.describeTasks(b -> b.cluster("alpha").tasks(spotArns)).tasks())
        .filteredOn(t -> "RUNNING".equals(t.lastStatus())).hasSize(5);
  }

  @Test
  void aFargateSpotServiceReplacesItsInterruptedTaskWhenRoomReturns() throws Exception {
    ecs.createService(b -> b.cluster("alpha").serviceName("spot").taskDefinition("large").desiredCount(6)
        .networkConfiguration(NETWORK).capacityProviderStrategy(CapacityProviderStrategyItem.builder()
            .capacityProvider("FARGATE_SPOT").weight(1).build()));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ecs.describeServices(b -> b
        .cluster("alpha").services("spot")).services().get(0).runningCount() == 6);
    Task regular = runFargate("beta", "large", 1).tasks().get(0);
    awaitTasks(ecs, "beta", List.of(regular.taskArn()), Duration.ofSeconds(60), t -> "RUNNING".equals(t.lastStatus()));
    List<String> stopped = ecs.listTasks(b -> b.cluster("alpha").serviceName("spot").desiredStatus("STOPPED"))
        .taskArns();
    assertThat(stopped).hasSize(1);
    assertThat(ecs.describeTasks(b -> b.cluster("alpha").tasks(stopped)).tasks().get(0).stopCodeAsString())
        .isEqualTo("SpotInterruption");
    // No room for the replacement until the regular task stops; then the service is whole again.
    ecs.stopTask(b -> b.cluster("beta").task(regular.taskArn()));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> ecs.describeServices(b -> b
        .cluster("alpha").services("spot")).services().get(0).runningCount() == 6);
    List<Task> running = ecs.describeTasks(b -> b.cluster("alpha").tasks(ecs.listTasks(l -> l.cluster("alpha")
        .serviceName("spot").desiredStatus("RUNNING")).taskArns())).tasks();
    assertThat(running).hasSize(6).allMatch(t -> "FARGATE_SPOT".equals(t.capacityProviderName()));
  }

  @Test
  void aTaskForAnotherArchitectureIsAnExplainedPlacementFailure() {
    ecs.registerTaskDefinition(b -> b.family("arm").networkMode("awsvpc").requiresCompatibilitiesWithStrings("FARGATE")
        .cpu("256").memory("512").runtimePlatform(p -> p.cpuArchitecture("ARM64").operatingSystemFamily("LINUX"))
        .containerDefinitions(ContainerDefinition.builder().name("app").image("busybox").essential(true).build()));
    RunTaskResponse r = runFargate("alpha", "arm", 1);
    assertThat(r.tasks()).isEmpty();
    assertThat(r.failures()).isNotEmpty().allMatch(f -> "ATTRIBUTE".equals(f.reason()));
  }
}
