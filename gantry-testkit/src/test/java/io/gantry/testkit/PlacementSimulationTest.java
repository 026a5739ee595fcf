package io.gantry.testkit;

import static io.gantry.testkit.Sdk.awaitTasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.testkit.agent.AgentShape;
import io.gantry.testkit.agent.SimulatedAgent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Placement strategies and constraints of RunTask, through the AWS SDK, on nine simulated agents
 * in three zones: agents 0, 3, 6 are m5.large (3840 MiB), the others t3.small (1920 MiB); agents
 * 0-5 carry {@code stack=prod}, 6-8 {@code stack=dev}. Every test stops what it started.
 */
class PlacementSimulationTest {
  static final String CLUSTER = "placement";
  static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");
  static SimulatedCluster sim;
  static EcsClient ecs;
  static List<SimulatedAgent> agents;

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster(CLUSTER));
    agents = sim.addAgents(9, i -> {
      AgentShape shape = AgentShape.standard().inZone(ZONES.get(i % 3)).withAttribute("stack", i < 6 ? "prod" : "dev");
      return i % 3 == 0 ? shape.withInstanceType("m5.large") : shape.withInstanceType("t3.small").withMemory(1920);
    });
    ecs = Sdk.ecs(sim.endpoint());
    Sdk.register(ecs, "small", c -> c.memory(64));
    Sdk.register(ecs, "huge", c -> c.memory(5000));
  }

  @AfterAll
  static void stop() {
    ecs.close();
    sim.close();
  }

  @AfterEach
  void stopEverything() {
    List<String> running = ecs.listTasks(b -> b.cluster(CLUSTER).desiredStatus("RUNNING").maxResults(100)).taskArns();
    running.forEach(arn -> ecs.stopTask(b -> b.cluster(CLUSTER).task(arn)));
    if (!running.isEmpty()) {
      awaitTasks(ecs, CLUSTER, running, Duration.ofSeconds(30), t -> "STOPPED".equals(t.lastStatus()));
    }
  }

  private static RunTaskResponse run(int count, List<PlacementStrategy> strategies, List<PlacementConstraint> constraints,
      String family) {
    return ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition(family).count(count).placementStrategy(strategies)
        .placementConstraints(constraints));
  }

  private static PlacementStrategy strategy(String type, String field) {
    return PlacementStrategy.builder().type(type).field(field).build();
  }

  private static PlacementConstraint memberOf(String expression) {
    return PlacementConstraint.builder().type("memberOf").expression(expression).build();
  }

  private static int agentIndex(Task task) {
    for (int i = 0; i < agents.size(); i++) {
      if (agents.get(i).containerInstanceArn().equals(task.containerInstanceArn())) {
        return i;
      }
    }
    throw new AssertionError("no agent for " + task.containerInstanceArn());
  }

  @Test
  void withoutAStrategyTasksSpreadEvenlyOverTheZones() {
    RunTaskResponse r = run(9, List.of(), List.of(), "small");

    assertThat(r.failures()).isEmpty();
    assertThat(r.tasks().stream().collect(Collectors.groupingBy(Task::availabilityZone, Collectors.counting())))
        .isEqualTo(Map.of("us-east-1a", 3L, "us-east-1b", 3L, "us-east-1c", 3L));
  }

  @Test
  void spreadByInstanceIdPutsOneTaskOnEachInstance() {
    RunTaskResponse r = run(9, List.of(strategy("spread", "instanceId")), List.of(), "small");

    assertThat(r.tasks().stream().map(Task::containerInstanceArn).collect(Collectors.toSet())).hasSize(9);
  }

  @Test
  void binpackOnMemoryFillsTheInstanceWithTheLeastMemoryLeft() {
    RunTaskResponse r = run(4, List.of(strategy("binpack", "memory")), List.of(), "small");

    assertThat(r.tasks().stream().map(Task::containerInstanceArn).distinct()).hasSize(1);
    assertThat(agents.get(agentIndex(r.tasks().get(0))).shape().memoryMib()).isEqualTo(1920);
  }

  @Test
  void memberOfKeepsTasksOnTheInstancesItSelects() {
    RunTaskResponse r = run(6, List.of(strategy("spread", "instanceId")),
        List.of(memberOf("attribute:stack == dev and attribute:ecs.instance-type =~ t3.*")), "small");

    assertThat(r.failures()).isEmpty();
    assertThat(r.tasks().stream().map(PlacementSimulationTest::agentIndex).collect(Collectors.toSet()))
        .isEqualTo(Set.of(7, 8));
  }

  @Test
  void distinctInstanceLeavesTheTenthTaskWithAReasonPerInstance() {
    RunTaskResponse r = run(10, List.of(), List.of(PlacementConstraint.builder().type("distinctInstance").build()),
        "small");

    assertThat(r.tasks().stream().map(Task::containerInstanceArn).distinct()).hasSize(9);
    assertThat(r.failures()).hasSize(9).extracting(Failure::reason)
        .containsOnly("DistinctInstance placement constraint unsatisfied.");
  }

  @Test
  void aTaskTooBigForEveryInstanceIsExplainedPerInstance() {
    RunTaskResponse r = run(1, List.of(), List.of(), "huge");

    assertThat(r.tasks()).isEmpty();
    assertThat(r.failures()).hasSize(9).extracting(Failure::reason).containsOnly("RESOURCE:MEMORY");
  }

  @Test
  void aDisconnectedAgentIsReportedAsAgentAndTheOthersByTheConstraint() throws Exception {
    SimulatedAgent first = agents.get(0);
    sim.disconnect(first);
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> !sim.agentConnected(first));
      String ec2Id = ecs.describeContainerInstances(b -> b.cluster(CLUSTER).containerInstances(first.containerInstanceArn()))
          .containerInstances().get(0).ec2InstanceId();
      RunTaskResponse r = run(1, List.of(), List.of(memberOf("ec2InstanceId == " + ec2Id)), "small");

      assertThat(r.tasks()).isEmpty();
      assertThat(r.failures()).hasSize(9);
      assertThat(r.failures()).filteredOn(f -> f.arn().equals(first.containerInstanceArn()))
          .extracting(Failure::reason).containsExactly("AGENT");
      assertThat(r.failures()).filteredOn(f -> !f.arn().equals(first.containerInstanceArn()))
          .extracting(Failure::reason).containsOnly("MemberOf placement constraint unsatisfied.");
    } finally {
      sim.reconnect(first);
    }
  }

  @Test
  void aMalformedExpressionIsAnInvalidParameterThatPointsAtTheProblem() {
    assertThatThrownBy(() -> run(1, List.of(), List.of(memberOf("attribute:stack == (dev")), "small"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("at character");
    assertThatThrownBy(() -> run(1, List.of(strategy("binpack", "disk")), List.of(), "small"))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void listContainerInstancesFiltersWithTheSameLanguage() {
    List<String> arns = ecs.listContainerInstances(b -> b.cluster(CLUSTER)
        .filter("attribute:ecs.availability-zone == us-east-1b and attribute:stack == prod")).containerInstanceArns();

    assertThat(arns).containsExactlyInAnyOrder(agents.get(1).containerInstanceArn(), agents.get(4).containerInstanceArn());
  }
}
