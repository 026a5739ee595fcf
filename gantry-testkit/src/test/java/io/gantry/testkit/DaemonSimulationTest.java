package io.gantry.testkit;

import static io.gantry.testkit.Sdk.register;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * DAEMON services on simulated agents through the AWS SDK: one task per eligible instance
 * (placement constraints respected), following instances as they join, drain and leave; a new
 * revision replaced instance by instance; ECS's refusals of a desired count and placement
 * strategies.
 */
class DaemonSimulationTest {
  static final String CLUSTER = "daemons";
  static SimulatedCluster sim;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster(CLUSTER));
    sim.addAgents(3, i -> AgentShape.standard().withAttribute("role", i == 2 ? "edge" : "core"));
    ecs = Sdk.ecs(sim.endpoint());
  }

  @AfterAll
  static void stop() {
    ecs.close();
    sim.close();
  }

  /** Instance ARN → the daemon's tasks wanted RUNNING there (RUNNING ones only). */
  static Map<String, List<Task>> running(String service) {
    List<Task> tasks = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, service,
        DesiredStatus.RUNNING));
    return tasks.stream().filter(t -> "RUNNING".equals(t.lastStatus()))
        .collect(Collectors.groupingBy(Task::containerInstanceArn));
  }

  static Set<String> instances(List<SimulatedAgent> agents) {
    return agents.stream().map(SimulatedAgent::containerInstanceArn).collect(Collectors.toSet());
  }

  static void awaitOneEach(String service, Set<String> expected) {
    await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
      Map<String, List<Task>> byInstance = running(service);
      assertThat(byInstance.keySet()).isEqualTo(expected);
      assertThat(byInstance.values()).allSatisfy(ts -> assertThat(ts).hasSize(1));
      Service s = ServiceChecks.describe(ecs, CLUSTER, service);
      assertThat(s.desiredCount()).isEqualTo(expected.size());
      assertThat(s.runningCount()).isEqualTo(expected.size());
    });
  }

  @Test
  void aDaemonFollowsInstancesAsTheyJoinDrainAndLeave() throws Exception {
    String td = register(ecs, "agentd", c -> c);
    Service created = ecs.createService(b -> b.cluster(CLUSTER).serviceName("agentd").taskDefinition(td)
        .schedulingStrategy(SchedulingStrategy.DAEMON)).service();
    assertThat(created.schedulingStrategyAsString()).isEqualTo("DAEMON");
    assertThat(created.deploymentConfiguration().minimumHealthyPercent()).isZero();
    assertThat(created.deploymentConfiguration().maximumPercent()).isEqualTo(100);
    awaitOneEach("agentd", instances(sim.agents()));
    ServiceChecks.awaitStable(ecs, CLUSTER, "agentd", Duration.ofSeconds(30));

    List<SimulatedAgent> joined = sim.addAgents(2, i -> AgentShape.standard());
    Set<String> all = instances(sim.agents());
    assertThat(all).hasSize(5).containsAll(instances(joined));
    awaitOneEach("agentd", all);

    SimulatedAgent drained = joined.get(0);
    ecs.updateContainerInstancesState(b -> b.cluster(CLUSTER).containerInstances(drained.containerInstanceArn())
        .status("DRAINING"));
    Set<String> withoutDrained = all.stream().filter(a -> !a.equals(drained.containerInstanceArn()))
        .collect(Collectors.toSet());
    awaitOneEach("agentd", withoutDrained);
    ecs.updateContainerInstancesState(b -> b.cluster(CLUSTER).containerInstances(drained.containerInstanceArn())
        .status("ACTIVE"));
    awaitOneEach("agentd", all);

    SimulatedAgent leaving = joined.get(1);
    sim.remove(leaving);
    all = instances(sim.agents());
    awaitOneEach("agentd", all);
    assertThat(sim.census().duplicates()).isEmpty();
    Task one = running("agentd").values().iterator().next().get(0);
    assertThat(one.group()).isEqualTo("service:agentd");
    assertThat(one.startedBy()).matches("ecs-svc/\\d{19}");
  }

  @Test
  void aDaemonRunsOnlyWhereItsConstraintsHoldAndRollsOutInPlace() {
    String v1 = register(ecs, "edged", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("edged").taskDefinition(v1)
        .schedulingStrategy(SchedulingStrategy.DAEMON)
        .placementConstraints(p -> p.type("memberOf").expression("attribute:role == core")));
    Set<String> core = sim.agents().stream().filter(a -> "core".equals(a.shape().attributes().get("role")))
        .map(SimulatedAgent::containerInstanceArn).collect(Collectors.toSet());
    assertThat(core).hasSize(2);
    awaitOneEach("edged", core);
    ServiceChecks.awaitStable(ecs, CLUSTER, "edged", Duration.ofSeconds(30));

    String v2 = register(ecs, "edged", c -> c.environment(Sdk.env(Map.of("V", "2"))));
    ecs.updateService(b -> b.cluster(CLUSTER).service("edged").taskDefinition(v2)
        .deploymentConfiguration(d -> d.minimumHealthyPercent(50)));
    Service done = await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          Map<String, List<Task>> now = running("edged");
          assertThat(now.values()).allSatisfy(ts -> assertThat(ts).hasSize(1));
          long healthy = now.values().stream().flatMap(List::stream).filter(t -> "RUNNING".equals(t.desiredStatus()))
              .count();
          assertThat(healthy).as("min 50% of 2 stays RUNNING").isGreaterThanOrEqualTo(1);
          return ServiceChecks.describe(ecs, CLUSTER, "edged");
        }, s -> ServiceChecks.stable(s) && s.taskDefinition().equals(v2)
            && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
    assertThat(done.desiredCount()).isEqualTo(2);
    assertThat(running("edged").values()).allSatisfy(ts -> assertThat(ts.get(0).taskDefinitionArn()).isEqualTo(v2));
  }

  @Test
  void aDaemonRefusesADesiredCountAndPlacementStrategies() {
    String td = register(ecs, "refused", c -> c);
    assertThatThrownBy(() -> ecs.createService(b -> b.cluster(CLUSTER).serviceName("refused").taskDefinition(td)
        .schedulingStrategy(SchedulingStrategy.DAEMON).desiredCount(2)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("The daemon scheduling strategy does not support a desired count for services.");
    assertThatThrownBy(() -> ecs.createService(b -> b.cluster(CLUSTER).serviceName("refused").taskDefinition(td)
        .schedulingStrategy(SchedulingStrategy.DAEMON).placementStrategy(p -> p.type(PlacementStrategyType.RANDOM))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("The daemon scheduling strategy does not support placement strategies.");
  }
}
