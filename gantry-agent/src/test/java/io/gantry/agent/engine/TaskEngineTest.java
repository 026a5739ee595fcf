package io.gantry.agent.engine;

import static io.gantry.agent.engine.Defs.assignment;
import static io.gantry.agent.engine.Defs.container;
import static io.gantry.agent.engine.Defs.definition;
import static io.gantry.agent.engine.Defs.stopped;
import static io.gantry.agent.engine.Defs.taskArn;
import static io.gantry.agent.engine.EngineHarness.eventually;
import static io.gantry.agent.engine.RecordingSink.container;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.agent.runtime.fake.FakeBehavior;
import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.task.NetworkBinding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task lifecycle on the fake runtime: start, run, report, stop, fail, clean up. */
class TaskEngineTest {
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

  @Test
  void startsATaskAndReportsRunningOnceWithRuntimeIdsAndRealBindings() {
    TaskAssignment a = assignment("t1", "RUNNING", definition("web",
        container("web").port(8080, null), container("static").port(80, 80)),
        Map.of("static/80", 18080));
    h.apply(true, a);

    h.awaitStatus(taskArn("t1"), "RUNNING");
    List<AgentMessage.TaskStateChange> reports = h.sink.of(taskArn("t1"));
    assertThat(reports).hasSize(1); // nothing while PENDING: the control plane shows that already
    AgentMessage.TaskStateChange running = reports.get(0);
    assertThat(running.startedAt()).isEqualTo(h.clock.instant());
    assertThat(running.reason()).isNull();
    assertThat(running.stopCode()).isNull();
    AgentMessage.ContainerStateChange web = container(running, "web");
    assertThat(web.lastStatus()).isEqualTo("RUNNING");
    assertThat(web.runtimeId()).isEqualTo(h.runtimeId(taskArn("t1"), "web"));
    assertThat(web.networkBindings()).extracting(NetworkBinding::containerPort, NetworkBinding::hostPort)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(8080, 32768)); // runtime-chosen
    assertThat(container(running, "static").networkBindings()).extracting(NetworkBinding::hostPort)
        .containsExactly(18080); // the port the control plane reserved
    assertThat(h.engine.task(taskArn("t1")).orElseThrow().lastStatus()).isEqualTo("RUNNING");
    assertThat(h.engine.task(taskArn("t1")).orElseThrow().healthStatus()).isEqualTo("UNKNOWN");
  }

  @Test
  void anEssentialContainerThatExitsStopsTheOthersAndTheTask() {
    h.runtime.script("app", FakeBehavior.exitsAfter(Duration.ofSeconds(10), 3));
    h.runtime.script("sidecar", FakeBehavior.runsForever().withSigterm(Duration.ofSeconds(1), 143));
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("app"), container("sidecar").essential(false).stopTimeout(5))));
    h.awaitStatus(taskArn("t1"), "RUNNING");

    h.advance(Duration.ofSeconds(10));

    h.awaitStatus(taskArn("t1"), "STOPPED");
    AgentMessage.TaskStateChange last = h.sink.last(taskArn("t1"));
    assertThat(last.stopCode()).isEqualTo("EssentialContainerExited");
    assertThat(last.reason()).isEqualTo("Essential container in task exited");
    assertThat(container(last, "app").exitCode()).isEqualTo(3);
    assertThat(container(last, "sidecar").exitCode()).isEqualTo(143);
    assertThat(container(last, "sidecar").lastStatus()).isEqualTo("STOPPED");
    assertThat(last.executionStoppedAt()).isEqualTo(h.clock.instant());
    assertThat(h.runtime.lastStopTimeout(h.runtimeId(taskArn("t1"), "sidecar"))).contains(Duration.ofSeconds(5));
    // The exit is reported as soon as it is known, before the rest of the task has stopped.
    assertThat(h.sink.statuses(taskArn("t1"))).startsWith("RUNNING").endsWith("STOPPED");
  }

  @Test
  void aNonEssentialContainerThatExitsIsReportedAndTheTaskKeepsRunning() {
    h.runtime.script("job", FakeBehavior.exitsAfter(Duration.ofSeconds(5), 1));
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("app"), container("job").essential(false))));
    h.awaitStatus(taskArn("t1"), "RUNNING");

    h.advance(Duration.ofSeconds(5));

    eventually(() -> "STOPPED".equals(container(h.sink.last(taskArn("t1")), "job").lastStatus()));
    AgentMessage.TaskStateChange last = h.sink.last(taskArn("t1"));
    assertThat(last.lastStatus()).isEqualTo("RUNNING");
    assertThat(container(last, "job").exitCode()).isEqualTo(1);
    assertThat(container(last, "app").lastStatus()).isEqualTo("RUNNING");
    assertThat(last.stopCode()).isNull();
  }

  @Test
  void desiredStoppedStopsEachContainerWithItsStopTimeoutThenSigkill() {
    h.runtime.script("stubborn", FakeBehavior.runsForever().ignoringSigterm());
    TaskAssignment a = assignment("t1", "RUNNING", definition("app",
        container("stubborn").stopTimeout(7), container("polite")));
    h.apply(true, a);
    h.awaitStatus(taskArn("t1"), "RUNNING");

    h.apply(false, stopped(a));

    h.awaitStatus(taskArn("t1"), "STOPPED");
    AgentMessage.TaskStateChange last = h.sink.last(taskArn("t1"));
    assertThat(container(last, "stubborn").exitCode()).isEqualTo(137);
    assertThat(container(last, "polite").exitCode()).isEqualTo(143);
    assertThat(h.runtime.lastStopTimeout(h.runtimeId(taskArn("t1"), "stubborn"))).contains(Duration.ofSeconds(7));
    assertThat(h.runtime.lastStopTimeout(h.runtimeId(taskArn("t1"), "polite"))).contains(Duration.ofSeconds(30));
    assertThat(last.stopCode()).isEqualTo("UserInitiated");
    assertThat(last.reason()).isEqualTo("Task stopped by user");
  }

  @Test
  void aPullFailureStopsTheTaskAsFailedToStartWithTheRuntimesWords() {
    h.runtime.scriptImage("private/app:1", FakeBehavior.runsForever().withPullError("pull access denied"));
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("app").image("private/app:1"), container("side").essential(false))));

    h.awaitStatus(taskArn("t1"), "STOPPED");
    List<AgentMessage.TaskStateChange> reports = h.sink.of(taskArn("t1"));
    assertThat(reports).hasSize(1);
    AgentMessage.TaskStateChange last = reports.get(0);
    assertThat(last.stopCode()).isEqualTo("TaskFailedToStart");
    assertThat(last.reason()).startsWith("CannotPullContainerError: ").contains("pull access denied");
    assertThat(container(last, "app").reason()).startsWith("CannotPullContainerError: ");
    assertThat(container(last, "app").exitCode()).isNull();
    assertThat(last.pullStartedAt()).isNotNull();
    assertThat(last.pullStoppedAt()).isNotNull();
    assertThat(h.containersOf(taskArn("t1"))).isEmpty();
  }

  @Test
  void aContainerThatCannotStartFailsTheTaskWithItsReason() {
    h.runtime.script("app", FakeBehavior.runsForever().withStartError("exec: \"nope\": not found"));
    h.apply(true, assignment("t1", "RUNNING", definition("app", container("app"))));

    h.awaitStatus(taskArn("t1"), "STOPPED");
    AgentMessage.TaskStateChange last = h.sink.last(taskArn("t1"));
    assertThat(last.stopCode()).isEqualTo("TaskFailedToStart");
    assertThat(last.reason()).isEqualTo("CannotStartContainerError: exec: \"nope\": not found");
    assertThat(container(last, "app").runtimeId()).isEqualTo(h.runtimeId(taskArn("t1"), "app"));
    assertThat(container(last, "app").exitCode()).isNull();
  }

  @Test
  void anUnavailableRuntimeIsRetriedUntilItAnswersWithoutDuplicates() throws InterruptedException {
    h.runtime.setUnavailable(true);
    h.apply(true, assignment("t1", "RUNNING", definition("app", container("app"))));
    Thread.sleep(100); // a few ticks of failed attempts
    assertThat(h.sink.of(taskArn("t1"))).isEmpty();

    h.runtime.setUnavailable(false);

    h.awaitStatus(taskArn("t1"), "RUNNING");
    assertThat(h.containersOf(taskArn("t1"))).hasSize(1);
  }

  @Test
  void aFullDesiredSetStopsTasksItDoesNotList() {
    TaskAssignment keep = assignment("keep", "RUNNING", definition("a", container("a")));
    TaskAssignment stray = assignment("stray", "RUNNING", definition("b", container("b")));
    h.apply(true, keep, stray);
    h.awaitStatus(taskArn("keep"), "RUNNING");
    h.awaitStatus(taskArn("stray"), "RUNNING");

    h.apply(true, keep);

    h.awaitStatus(taskArn("stray"), "STOPPED");
    assertThat(h.sink.lastStatus(taskArn("keep"))).isEqualTo("RUNNING");
    // An increment (not full) does not stop what it does not mention.
    h.apply(false);
    assertThat(h.engine.task(taskArn("keep")).orElseThrow().lastStatus()).isEqualTo("RUNNING");
  }

  @Test
  void desiredTasksBelowTheLastAppliedSequenceNumberAreIgnored() {
    TaskAssignment a = assignment("t1", "RUNNING", definition("app", container("app")));
    TaskAssignment b = assignment("t2", "RUNNING", definition("app", container("app")));
    h.applyWithSeq(5, true, a);
    h.awaitStatus(taskArn("t1"), "RUNNING");
    assertThat(h.engine.lastAppliedSeq()).isEqualTo(5);

    // One store transaction can place several tasks: their increments share the seq.
    h.applyWithSeq(5, false, b);
    h.awaitStatus(taskArn("t2"), "RUNNING");

    h.applyWithSeq(4, false, stopped(a));
    h.applyWithSeq(4, true);
    assertThat(h.engine.task(taskArn("t1")).orElseThrow().desiredStatus()).isEqualTo("RUNNING");
    assertThat(h.engine.lastAppliedSeq()).isEqualTo(5);

    h.applyWithSeq(6, false, stopped(a));
    h.awaitStatus(taskArn("t1"), "STOPPED");
    assertThat(h.engine.lastAppliedSeq()).isEqualTo(6);

    h.engine.close();
    assertThat(h.startEngine().lastAppliedSeq()).isEqualTo(6); // persisted
  }

  @Test
  void stoppedTasksAreCleanedUpAfterTheDelayAndNeverStartedAgain() {
    TaskAssignment a = assignment("t1", "RUNNING", definition("app", container("app")));
    h.apply(true, a);
    h.awaitStatus(taskArn("t1"), "RUNNING");
    h.apply(false, stopped(a));
    h.awaitStatus(taskArn("t1"), "STOPPED");
    assertThat(h.containersOf(taskArn("t1"))).hasSize(1); // kept for a while, like ECS

    h.advance(EngineHarness.CLEANUP.minusSeconds(1));
    assertThat(h.containersOf(taskArn("t1"))).hasSize(1);
    h.advance(Duration.ofSeconds(1));

    eventually(() -> h.engine.task(taskArn("t1")).isEmpty());
    assertThat(h.containersOf(taskArn("t1"))).isEmpty();
    int reports = h.sink.of(taskArn("t1")).size();

    // A stale desired set that still wants the task: it is not started a second time.
    h.apply(true, a);
    eventually(() -> h.sink.of(taskArn("t1")).size() > reports);
    assertThat(h.sink.lastStatus(taskArn("t1"))).isEqualTo("STOPPED");
    assertThat(h.containersOf(taskArn("t1"))).isEmpty();
  }

  @Test
  void reportIdsIncreaseAcrossEngineRestarts() {
    TaskAssignment a = assignment("t1", "RUNNING", definition("app", container("app")));
    h.apply(true, a);
    h.awaitStatus(taskArn("t1"), "RUNNING");
    long before = h.sink.last(taskArn("t1")).id();
    h.engine.close();

    h.startEngine();

    eventually(() -> h.sink.of(taskArn("t1")).size() == 2); // re-reported after the restart
    assertThat(h.sink.last(taskArn("t1")).id()).isGreaterThan(before);
    List<Long> ids = h.sink.all().stream().map(AgentMessage.TaskStateChange::id).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();
  }
}
