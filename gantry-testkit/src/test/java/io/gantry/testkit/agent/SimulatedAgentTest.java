package io.gantry.testkit.agent;

import static io.gantry.testkit.agent.Assignments.app;
import static io.gantry.testkit.agent.Assignments.task;
import static io.gantry.testkit.agent.Assignments.taskArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.api.sigv4.SigV4Signer;
import io.gantry.model.task.NetworkBinding;
import io.gantry.testkit.ecs.SignedEcsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated agent's task side without a control plane: desired-task messages go straight in,
 * and the reports it would send wait in its unacknowledged queue.
 */
class SimulatedAgentTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final TaskScripts scripts = new TaskScripts(TaskScript.runsUntilStopped());
  private final SimulatedAgent agent = new SimulatedAgent("sim-1", AgentShape.standard(), new SimulationContext(
      new SignedEcsClient(URI.create("http://127.0.0.1:9"),
          new SigV4Signer("AKID", "secret", "us-east-1", "ecs", Clock.systemUTC()), HttpClient.newHttpClient()),
      HttpClient.newHttpClient(), scheduler, Clock.systemUTC(), new Random(7), scripts, "sim"));

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private void receive(long seq, boolean full, TaskAssignment... tasks) {
    synchronized (agent) {
      agent.onMessage(new AgentMessage.DesiredTasks(seq, full, List.of(tasks)));
    }
  }

  private void ack(long id) {
    synchronized (agent) {
      agent.onMessage(new AgentMessage.Ack(id));
    }
  }

  private AgentMessage.TaskStateChange awaitReport(String id, String status) {
    return await().atMost(Duration.ofSeconds(5)).until(() -> agent.pendingReports().stream()
        .filter(c -> c.taskArn().equals(taskArn(id)) && c.lastStatus().equals(status)).findFirst().orElse(null),
        c -> c != null);
  }

  @Test
  void anAssignedTaskRunsWithRuntimeIdsBindingsAndHealth() {
    String containers = "[{\"name\":\"web\",\"image\":\"nginx\",\"portMappings\":[{\"containerPort\":80,"
        + "\"hostPort\":0,\"protocol\":\"tcp\"},{\"containerPort\":81}],\"healthCheck\":{\"command\":[\"CMD\",\"true\"]}},"
        + "{\"name\":\"side\",\"image\":\"busybox\",\"essential\":false}]";
    receive(5, true, task("t1", "RUNNING", containers, Map.of("web/80", 32768)));

    AgentMessage.TaskStateChange running = awaitReport("t1", "RUNNING");
    assertThat(running.startedAt()).isNotNull();
    assertThat(running.pullStartedAt()).isNotNull();
    assertThat(running.pullStoppedAt()).isNotNull();
    AgentMessage.ContainerStateChange web = running.containers().get(0);
    assertThat(web.lastStatus()).isEqualTo("RUNNING");
    assertThat(web.runtimeId()).hasSize(64);
    assertThat(web.healthStatus()).isEqualTo("HEALTHY");
    assertThat(web.networkBindings()).containsExactly(new NetworkBinding("0.0.0.0", 80, 32768, "tcp", null, null),
        new NetworkBinding("0.0.0.0", 81, EphemeralPorts.FIRST, "tcp", null, null)); // dynamic: the machine picks
    assertThat(running.containers().get(1).healthStatus()).isEqualTo("UNKNOWN");
    assertThat(agent.tasks()).isEqualTo(Map.of(taskArn("t1"), "RUNNING"));
  }

  @Test
  void messagesBelowTheLastAppliedSequenceNumberAreIgnored() {
    receive(5, true, task("t1", "RUNNING", app(), Map.of()));
    receive(4, false, task("t2", "RUNNING", app(), Map.of()));
    assertThat(agent.staleMessagesIgnored()).isEqualTo(1);
    assertThat(agent.tasks()).containsOnlyKeys(taskArn("t1"));

    // one store transaction may place several tasks: their increments share the number
    receive(5, false, task("t2", "RUNNING", app(), Map.of()));
    assertThat(agent.tasks()).containsOnlyKeys(taskArn("t1"), taskArn("t2"));
    assertThat(agent.lastAppliedSeq()).isEqualTo(5);
  }

  @Test
  void aFullSetStopsWhatItLeavesOutButAnIncrementDoesNot() {
    receive(1, true, task("keep", "RUNNING", app(), Map.of()), task("stray", "RUNNING", app(), Map.of()));
    awaitReport("stray", "RUNNING");
    receive(2, false);
    assertThat(agent.tasks().get(taskArn("stray"))).isEqualTo("RUNNING");

    receive(3, true, task("keep", "RUNNING", app(), Map.of()));

    AgentMessage.TaskStateChange stopped = awaitReport("stray", "STOPPED");
    assertThat(stopped.containers().get(0).exitCode()).isZero();
    assertThat(stopped.executionStoppedAt()).isNotNull();
    assertThat(agent.tasks().get(taskArn("keep"))).isEqualTo("RUNNING");
    assertThat(agent.fullSetsReceived()).isEqualTo(2);
  }

  @Test
  void aStopFromTheControlPlaneReportsItsCodeAndTheScriptedExitCode() {
    scripts.forFamily("fam", TaskScript.runsUntilStopped().withStopExitCode(137));
    receive(1, true, task("t1", "RUNNING", app(), Map.of()));
    awaitReport("t1", "RUNNING");

    receive(2, false, task("t1", "STOPPED", "UserInitiated", app(), Map.of()));

    AgentMessage.TaskStateChange stopped = awaitReport("t1", "STOPPED");
    assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
    assertThat(stopped.reason()).isEqualTo("Task stopped by user");
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(137);
  }

  @Test
  void anEssentialContainerThatExitsStopsTheTaskButANonEssentialOneDoesNot() {
    String containers = "[{\"name\":\"main\",\"image\":\"a\",\"environment\":[{\"name\":\"GANTRY_SIM_RUN_FOR\","
        + "\"value\":\"300ms\"},{\"name\":\"GANTRY_SIM_EXIT_CODE\",\"value\":\"3\"}]},"
        + "{\"name\":\"helper\",\"image\":\"b\",\"essential\":false,\"dockerLabels\":{\"GANTRY_SIM_RUN_FOR\":\"50ms\"}}]";
    receive(1, true, task("t1", "RUNNING", containers, Map.of()));

    AgentMessage.TaskStateChange helperDone = await().atMost(Duration.ofSeconds(5)).until(
        () -> agent.pendingReports().stream().filter(c -> c.lastStatus().equals("RUNNING")
            && c.containers().get(1).lastStatus().equals("STOPPED")).findFirst().orElse(null), c -> c != null);
    assertThat(helperDone.containers().get(1).exitCode()).isZero();
    assertThat(helperDone.containers().get(0).lastStatus()).isEqualTo("RUNNING");

    AgentMessage.TaskStateChange stopped = awaitReport("t1", "STOPPED");
    assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
    assertThat(stopped.reason()).isEqualTo("Essential container in task exited");
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(3);
  }

  @Test
  void aContainerThatCannotStartFailsTheTaskWithTheRuntimesWords() {
    receive(1, true, task("t1", "RUNNING", app("GANTRY_SIM_START_ERROR", "exec: nope: not found"), Map.of()));

    AgentMessage.TaskStateChange stopped = awaitReport("t1", "STOPPED");
    assertThat(stopped.stopCode()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.reason()).isEqualTo("CannotStartContainerError: exec: nope: not found");
    assertThat(stopped.containers().get(0).exitCode()).isNull();
    assertThat(stopped.startedAt()).isNull();
    assertThat(agent.pendingReports()).hasSize(1); // never reported RUNNING
  }

  @Test
  void aStoppedTaskOnceAcknowledgedIsNeverStartedAgain() {
    receive(1, true, task("t1", "RUNNING", app("GANTRY_SIM_RUN_FOR", "10ms"), Map.of()));
    awaitReport("t1", "STOPPED");
    agent.pendingReports().forEach(c -> ack(c.id()));
    assertThat(agent.tasks()).isEmpty();

    // a late increment from before the STOPPED report was stored
    receive(2, false, task("t1", "RUNNING", app(), Map.of()));

    assertThat(agent.tasks()).isEmpty();
    assertThat(agent.unacknowledged()).isZero();
  }

  @Test
  void anUnknownTaskWantedStoppedIsReportedStoppedWithoutRunning() {
    receive(1, true, task("t1", "STOPPED", "UserInitiated", app(), Map.of()));

    AgentMessage.TaskStateChange stopped = awaitReport("t1", "STOPPED");
    assertThat(stopped.containers().get(0).runtimeId()).isNull();
    assertThat(stopped.containers().get(0).exitCode()).isNull();
    assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
  }
}
