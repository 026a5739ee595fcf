package io.gantry.testkit;

import static io.gantry.testkit.Sdk.awaitTask;
import static io.gantry.testkit.Sdk.awaitTasks;
import static io.gantry.testkit.Sdk.env;
import static io.gantry.testkit.Sdk.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.testkit.agent.AgentShape;
import io.gantry.testkit.agent.TaskScript;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Twenty simulated agents in three zones under the real control plane, driven through the AWS
 * SDK: registration, RunTask to RUNNING, StopTask to STOPPED, and the scripted behaviours.
 */
class SimulatedClusterTaskTest {
  static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");
  static SimulatedCluster sim;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster("tasks"));
    sim.addAgents(20, i -> AgentShape.standard().inZone(ZONES.get(i % 3)).withInstanceType("sim.xlarge")
        .withAttribute("rack", "r" + (i % 4)).withGpus(i == 0 ? 2 : 0));
    ecs = Sdk.ecs(sim.endpoint());
  }

  @AfterAll
  static void stop() {
    ecs.close();
    sim.close();
  }

  @Test
  void agentsRegisterTheirShapesAndConnect() {
    List<String> arns = ecs.listContainerInstances(b -> b.cluster("tasks").maxResults(100)).containerInstanceArns();
    assertThat(arns).hasSize(20);
    List<ContainerInstance> instances =
        ecs.describeContainerInstances(b -> b.cluster("tasks").containerInstances(arns)).containerInstances();

    assertThat(instances).allSatisfy(i -> {
      assertThat(i.agentConnected()).isTrue();
      assertThat(i.registeredResources()).anySatisfy(r -> {
        assertThat(r.name()).isEqualTo("CPU");
        assertThat(r.integerValue()).isEqualTo(2048);
      });
      assertThat(i.attributes()).contains(Attribute.builder().name("ecs.instance-type").value("sim.xlarge").build());
      assertThat(i.versionInfo().agentVersion()).isEqualTo("gantry-sim");
    });
    Map<String, Long> byZone = instances.stream().collect(Collectors.groupingBy(i -> i.attributes().stream()
        .filter(a -> a.name().equals("ecs.availability-zone")).findFirst().orElseThrow().value(), Collectors.counting()));
    assertThat(byZone).isEqualTo(Map.of("us-east-1a", 7L, "us-east-1b", 7L, "us-east-1c", 6L));
    assertThat(instances).filteredOn(i -> i.attributes().contains(Attribute.builder().name("rack").value("r1").build()))
        .hasSize(5);
    assertThat(instances).filteredOn(i -> i.registeredResources().stream().anyMatch(r -> r.name().equals("GPU")))
        .singleElement().satisfies(i -> assertThat(i.registeredResources()).anySatisfy(r -> {
          assertThat(r.name()).isEqualTo("GPU");
          assertThat(r.stringSetValue()).hasSize(2);
        }));
  }

  @Test
  void runTaskRunsTenTasksOnceEachAndStopTaskStopsThemWithTheirExitCode() {
    String td = register(ecs, "web", c -> c
        .portMappings(PortMapping.builder().containerPort(80).hostPort(0).build())
        .healthCheck(HealthCheck.builder().command("CMD", "true").build()));

    List<String> arns = ecs.runTask(b -> b.cluster("tasks").taskDefinition(td).count(10)).tasks().stream()
        .map(Task::taskArn).toList();

    List<Task> running = awaitTasks(ecs, "tasks", arns, Duration.ofSeconds(20), t -> "RUNNING".equals(t.lastStatus()));
    assertThat(running).allSatisfy(t -> {
      assertThat(t.startedAt()).isNotNull();
      assertThat(t.healthStatusAsString()).isEqualTo("HEALTHY");
      assertThat(t.containers().get(0).runtimeId()).hasSize(64);
      assertThat(t.containers().get(0).networkBindings()).singleElement()
          .satisfies(b -> assertThat(b.hostPort()).isPositive());
    });
    Census census = sim.census();
    assertThat(census.duplicates()).isEmpty();
    assertThat(census.orphans(new HashSet<>(arns))).isEmpty();
    assertThat(census.live().keySet()).containsAll(arns);
    for (Task t : running) { // each runs where the control plane placed it
      String agent = sim.agentOf(t.containerInstanceArn()).orElseThrow().name();
      assertThat(census.where(t.taskArn())).isEqualTo(Map.of(agent, "RUNNING"));
    }

    arns.forEach(arn -> ecs.stopTask(b -> b.cluster("tasks").task(arn)));

    List<Task> stopped = awaitTasks(ecs, "tasks", arns, Duration.ofSeconds(20), t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped).allSatisfy(t -> {
      assertThat(t.stopCodeAsString()).isEqualTo("UserInitiated");
      assertThat(t.containers().get(0).exitCode()).isZero();
    });
    assertThat(sim.census().live().keySet()).doesNotContainAnyElementsOf(arns);
  }

  @Test
  void aFamilyScriptedToBeKilledExitsWith137WhenStopped() {
    sim.scripts().forFamily("stubborn", TaskScript.runsUntilStopped().withStopExitCode(137));
    String td = register(ecs, "stubborn", c -> c);
    String arn = ecs.runTask(b -> b.cluster("tasks").taskDefinition(td)).tasks().get(0).taskArn();
    awaitTask(ecs, "tasks", arn, "RUNNING");

    ecs.stopTask(b -> b.cluster("tasks").task(arn).reason("enough"));

    Task stopped = awaitTask(ecs, "tasks", arn, "STOPPED");
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(137);
    assertThat(stopped.stoppedReason()).isEqualTo("enough");
  }

  @Test
  void aTaskScriptedToRunForAWhileStopsByItselfWithItsExitCode() {
    String td = register(ecs, "batch", c -> c.environment(env(Map.of(
        TaskScript.RUN_FOR, "1s", TaskScript.EXIT_CODE, "3"))));
    String failing = ecs.runTask(b -> b.cluster("tasks").taskDefinition(td)).tasks().get(0).taskArn();
    ContainerOverride exitZero = ContainerOverride.builder().name("app")
        .environment(env(Map.of(TaskScript.EXIT_CODE, "0"))).build();
    String passing = ecs.runTask(b -> b.cluster("tasks").taskDefinition(td)
        .overrides(o -> o.containerOverrides(exitZero))).tasks().get(0).taskArn();

    Task failed = awaitTask(ecs, "tasks", failing, "STOPPED");
    assertThat(failed.startedAt()).isNotNull();
    assertThat(failed.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(failed.stoppedReason()).isEqualTo("Essential container in task exited");
    assertThat(failed.containers().get(0).exitCode()).isEqualTo(3);
    assertThat(awaitTask(ecs, "tasks", passing, "STOPPED").containers().get(0).exitCode()).isZero();
  }

  @Test
  void aContainerThatCannotStartStopsTheTaskWithTheReason() {
    String td = register(ecs, "broken", c -> c.dockerLabels(Map.of(TaskScript.START_ERROR, "exec: \"nope\": not found")));
    String arn = ecs.runTask(b -> b.cluster("tasks").taskDefinition(td)).tasks().get(0).taskArn();

    Task stopped = awaitTask(ecs, "tasks", arn, "STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.stoppedReason()).isEqualTo("CannotStartContainerError: exec: \"nope\": not found");
    assertThat(stopped.containers().get(0).reason()).isEqualTo(stopped.stoppedReason());
    assertThat(stopped.containers().get(0).exitCode()).isNull();
    assertThat(stopped.startedAt()).isNull();
  }

  @Test
  void aContainerScriptedUnhealthyMakesTheTaskUnhealthy() {
    String td = register(ecs, "sick", c -> c.dockerLabels(Map.of(TaskScript.UNHEALTHY, "true"))
        .healthCheck(HealthCheck.builder().command("CMD", "true").build()));
    String arn = ecs.runTask(b -> b.cluster("tasks").taskDefinition(td)).tasks().get(0).taskArn();

    Task running = awaitTask(ecs, "tasks", arn, "RUNNING");
    assertThat(running.containers().get(0).healthStatusAsString()).isEqualTo("UNHEALTHY");
    assertThat(running.healthStatusAsString()).isEqualTo("UNHEALTHY");
    Set<String> live = sim.census().live().keySet();
    assertThat(live).contains(arn);
  }
}
