package io.gantry.agent.engine;

import static io.gantry.agent.engine.Defs.assignment;
import static io.gantry.agent.engine.Defs.container;
import static io.gantry.agent.engine.Defs.definition;
import static io.gantry.agent.engine.Defs.stopped;
import static io.gantry.agent.engine.Defs.taskArn;
import static io.gantry.agent.engine.EngineHarness.eventually;
import static io.gantry.agent.engine.RecordingSink.container;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.agent.runtime.ContainerStatus;
import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restart policies (containers restarted in place) and restarts of the engine itself. */
class TaskEngineRestartTest {
  static final String T = taskArn("t1");
  @TempDir Path stateDir;
  EngineHarness h;

  @BeforeEach
  void setUp() {
    h = new EngineHarness(stateDir);
    h.startEngine();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private TaskAssignment withRestartPolicy() {
    return assignment("t1", "RUNNING", definition("app",
        container("app").restartPolicy(List.of(0), 60), container("side").essential(false)));
  }

  private boolean running(String id) {
    return h.runtime.inspect(id).orElseThrow().status() == ContainerStatus.RUNNING;
  }

  @Test
  void aContainerThatRanLongEnoughIsRestartedInPlace() {
    h.apply(true, withRestartPolicy());
    h.awaitStatus(T, "RUNNING");
    String id = h.runtimeId(T, "app");
    h.advance(Duration.ofSeconds(60));

    h.runtime.crash(id, 1);

    eventually(() -> running(id));
    assertThat(h.containersOf(T)).hasSize(2); // the same container, started again
    assertThat(h.sink.statuses(T)).containsOnly("RUNNING");
    assertThat(h.engine.task(T).orElseThrow().lastStatus()).isEqualTo("RUNNING");

    // Restarted less than restartAttemptPeriod ago: this exit stops the task.
    h.advance(Duration.ofSeconds(59));
    h.runtime.crash(id, 1);
    h.awaitStatus(T, "STOPPED");
    assertThat(h.sink.last(T).stopCode()).isEqualTo("EssentialContainerExited");
    assertThat(container(h.sink.last(T), "app").exitCode()).isEqualTo(1);
  }

  @Test
  void aContainerThatExitsBeforeTheAttemptPeriodIsNotRestarted() {
    h.apply(true, withRestartPolicy());
    h.awaitStatus(T, "RUNNING");
    h.advance(Duration.ofSeconds(59));

    h.runtime.crash(h.runtimeId(T, "app"), 1);

    h.awaitStatus(T, "STOPPED");
    assertThat(container(h.sink.last(T), "app").exitCode()).isEqualTo(1);
  }

  @Test
  void anIgnoredExitCodeIsNotRestarted() {
    h.apply(true, withRestartPolicy());
    h.awaitStatus(T, "RUNNING");
    h.advance(Duration.ofSeconds(600));

    h.runtime.crash(h.runtimeId(T, "app"), 0);

    h.awaitStatus(T, "STOPPED");
    assertThat(container(h.sink.last(T), "app").exitCode()).isZero();
  }

  @Test
  void noRestartWhileTheTaskIsStopping() {
    TaskAssignment a = withRestartPolicy();
    h.apply(true, a);
    h.awaitStatus(T, "RUNNING");
    h.advance(Duration.ofSeconds(600));

    h.apply(false, stopped(a));

    h.awaitStatus(T, "STOPPED");
    assertThat(container(h.sink.last(T), "app").exitCode()).isEqualTo(143);
  }

  @Test
  void aRestartedEngineAdoptsRunningContainersWithoutCreatingAnother() {
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("app").port(8080, null), container("side").essential(false))));
    h.awaitStatus(T, "RUNNING");
    AgentMessage.TaskStateChange before = h.sink.last(T);
    h.engine.close();

    h.startEngine();
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("app").port(8080, null), container("side").essential(false))));

    eventually(() -> h.sink.of(T).size() == 2);
    AgentMessage.TaskStateChange after = h.sink.last(T);
    assertThat(after.lastStatus()).isEqualTo("RUNNING");
    assertThat(after.containers()).isEqualTo(before.containers()); // same ids, same bindings
    assertThat(h.runtime.list(Map.of())).hasSize(2);

    // The adopted containers are the new engine's to watch.
    h.runtime.crash(h.runtimeId(T, "app"), 9);
    h.awaitStatus(T, "STOPPED");
    assertThat(container(h.sink.last(T), "app").exitCode()).isEqualTo(9);
    assertThat(h.runtime.list(Map.of())).hasSize(2);
  }

  @Test
  void tasksThatStoppedWhileTheEngineWasDownAreReportedStoppedWithExitCodes() {
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("app"), container("side").essential(false))));
    h.awaitStatus(T, "RUNNING");
    h.engine.close();
    h.runtime.crash(h.runtimeId(T, "app"), 5); // nobody is listening

    h.startEngine();

    h.awaitStatus(T, "STOPPED");
    AgentMessage.TaskStateChange last = h.sink.last(T);
    assertThat(last.stopCode()).isEqualTo("EssentialContainerExited");
    assertThat(container(last, "app").exitCode()).isEqualTo(5);
    assertThat(container(last, "side").exitCode()).isEqualTo(143);
    assertThat(h.runtime.list(Map.of())).hasSize(2);
  }

  @Test
  void aTaskStoppedByTheControlPlaneWhileTheEngineWasDownIsStoppedOnTheFirstDesiredSet() {
    TaskAssignment a = assignment("t1", "RUNNING", definition("app", container("app")));
    h.apply(true, a);
    h.awaitStatus(T, "RUNNING");
    h.engine.close();

    h.startEngine();
    h.apply(true, stopped(a));

    h.awaitStatus(T, "STOPPED");
    assertThat(h.sink.last(T).stopCode()).isEqualTo("UserInitiated");
  }

  @Test
  void withItsTaskStateLostTheEngineAdoptsContainersByLabelOrRemovesThem() throws IOException {
    TaskAssignment kept = assignment("t1", "RUNNING", definition("app", container("app")));
    TaskAssignment gone = assignment("t2", "RUNNING", definition("other", container("other")));
    h.apply(true, kept, gone);
    h.awaitStatus(T, "RUNNING");
    h.awaitStatus(taskArn("t2"), "RUNNING");
    String appId = h.runtimeId(T, "app");
    h.engine.close();
    try (Stream<Path> files = Files.walk(stateDir.resolve("tasks"))) { // engine.json (its id) survives
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    h.startEngine();
    h.apply(true, kept);

    eventually(() -> h.containersOf(taskArn("t2")).isEmpty());
    eventually(() -> h.sink.of(T).size() == 2);
    assertThat(container(h.sink.last(T), "app").runtimeId()).isEqualTo(appId);
    assertThat(h.containersOf(T)).hasSize(1);
    assertThat(h.runtime.inspect(appId).orElseThrow().status()).isEqualTo(ContainerStatus.RUNNING);
  }

  @Test
  void containersAnotherEngineCreatedOnTheSameRuntimeAreLeftAlone(@TempDir Path otherDir) {
    RecordingSink otherSink = new RecordingSink();
    TaskEngine other = h.startEngineOn(otherDir, otherSink);
    other.apply(new AgentMessage.DesiredTasks(1, true,
        List.of(assignment("theirs", "RUNNING", definition("x", container("x"))))));
    eventually(() -> "RUNNING".equals(otherSink.lastStatus(taskArn("theirs"))));
    h.engine.close();

    h.startEngine(); // finds the other engine's container among Gantry's
    h.apply(true);

    TaskAssignment mine = assignment("t1", "RUNNING", definition("app", container("app")));
    h.apply(false, mine);
    h.awaitStatus(T, "RUNNING");
    assertThat(h.containersOf(taskArn("theirs"))).hasSize(1);
    assertThat(h.runtime.inspect(h.runtimeId(taskArn("theirs"), "x")).orElseThrow().status())
        .isEqualTo(ContainerStatus.RUNNING);
    assertThat(otherSink.statuses(taskArn("theirs"))).containsOnly("RUNNING");
  }

  @Test
  void aRestartPolicyAppliesToAnExitTheEngineMissedWhileDown() {
    h.apply(true, withRestartPolicy());
    h.awaitStatus(T, "RUNNING");
    String id = h.runtimeId(T, "app");
    h.engine.close();
    h.advance(Duration.ofSeconds(120));
    h.runtime.crash(id, 1);

    h.startEngine();

    eventually(() -> running(id));
    assertThat(h.sink.lastStatus(T)).isEqualTo("RUNNING");
    assertThat(h.containersOf(T)).hasSize(2);
  }
}
