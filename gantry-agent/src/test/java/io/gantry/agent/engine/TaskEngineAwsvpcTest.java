package io.gantry.agent.engine;

import static io.gantry.agent.engine.Defs.container;
import static io.gantry.agent.engine.Defs.definition;
import static io.gantry.agent.engine.Defs.taskArn;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerSummary;
import io.gantry.agent.runtime.PauseSpec;
import io.gantry.agent.runtime.fake.FakeBehavior;
import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.api.agent.TaskNetwork;
import io.gantry.model.taskdef.TaskDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** awsvpc tasks on the fake runtime: one pause container, containers joined to it, released before STOPPED. */
class TaskEngineAwsvpcTest {
  static final String T = taskArn("v1");
  static final TaskNetwork NET = new TaskNetwork("subnet-0a1b2c3d4e5f60718", "10.203.7.0/29", "10.203.7.1",
      "10.203.7.2", "0a:58:0a:cb:07:02", "att-1", "eni-0123456789abcdef0", "ip-10-203-7-2.ec2.internal");
  @TempDir Path stateDir;
  EngineHarness h;

  @BeforeEach
  void setUp() {
    h = new EngineHarness(stateDir);
    h.runtime.withImages("gantry/pause:latest");
    h.startEngine();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private static TaskAssignment awsvpc(String desired) {
    TaskDefinition bridge = definition("vpc", container("web"), container("side"));
    TaskDefinition def = new TaskDefinition(bridge.taskDefinitionArn(), bridge.containerDefinitions(), "vpc", null,
        null, "awsvpc", 1, null, TaskDefinition.ACTIVE, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null);
    TaskAssignment a = Defs.assignment("v1", desired, def);
    return new TaskAssignment(a.task(), def, Map.of(), NET);
  }

  private List<ContainerSummary> pauses() {
    return h.runtime.list(Map.of(ContainerLabels.TASK_ARN, T, ContainerLabels.CONTAINER_NAME,
        PauseSpec.CONTAINER_NAME));
  }

  @Test
  void containersJoinTheTasksPauseContainerWhichGoesBeforeTheTaskIsStopped() {
    h.apply(true, awsvpc("RUNNING"));
    h.awaitStatus(T, "RUNNING");

    assertThat(pauses()).hasSize(1);
    String pause = pauses().get(0).runtimeId();
    for (String name : List.of("web", "side")) {
      assertThat(h.runtime.spec(h.runtimeId(T, name)).orElseThrow().network().mode()).isEqualTo("container:" + pause);
      assertThat(h.runtime.spec(h.runtimeId(T, name)).orElseThrow().network().ports()).isEmpty();
    }

    h.apply(false, Defs.stopped(awsvpc("RUNNING")));
    h.awaitStatus(T, "STOPPED");
    assertThat(pauses()).isEmpty();
  }

  @Test
  void aRestartedEngineAdoptsThePauseContainerInsteadOfMakingASecond() {
    h.apply(true, awsvpc("RUNNING"));
    h.awaitStatus(T, "RUNNING");
    String pause = pauses().get(0).runtimeId();
    h.engine.close();

    h.startEngine();
    h.apply(true, awsvpc("RUNNING"));
    EngineHarness.eventually(() -> "RUNNING".equals(h.engine.task(T).map(t -> t.lastStatus()).orElse(null)));

    assertThat(pauses()).extracting(ContainerSummary::runtimeId).containsExactly(pause);
    assertThat(h.containersOf(T)).hasSize(3);
  }

  @Test
  void aMissingPauseImageFailsTheTaskWithAClearReason() {
    h.close();
    h = new EngineHarness(stateDir.resolve("other"));
    h.runtime.scriptImage("gantry/pause:latest", FakeBehavior.runsForever().withPullError("not found"));
    h.startEngine();

    h.apply(true, awsvpc("RUNNING"));
    h.awaitStatus(T, "STOPPED");

    AgentMessage.TaskStateChange last = h.sink.of(T).get(h.sink.of(T).size() - 1);
    assertThat(last.containers()).allSatisfy(c -> assertThat(c.reason())
        .startsWith("ResourceInitializationError: the pause image gantry/pause:latest is not available"));
  }

  @Test
  void aContainerKilledForMemoryStopsTheTaskWithEcsWords() {
    h.runtime.script("web", FakeBehavior.runsForever().withOomKillAfter(Duration.ofSeconds(5)));
    h.apply(true, awsvpc("RUNNING"));
    h.awaitStatus(T, "RUNNING");

    h.advance(Duration.ofSeconds(6));
    h.awaitStatus(T, "STOPPED");

    AgentMessage.TaskStateChange last = h.sink.of(T).get(h.sink.of(T).size() - 1);
    assertThat(last.containers()).filteredOn(c -> c.containerName().equals("web")).singleElement()
        .satisfies(c -> assertThat(c.reason()).isEqualTo("OutOfMemoryError: Container killed due to memory usage"));
    assertThat(pauses()).isEmpty();
  }
}
