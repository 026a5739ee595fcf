package io.gantry.testkit;

import static io.gantry.testkit.Sdk.awaitTask;
import static io.gantry.testkit.Sdk.env;
import static io.gantry.testkit.Sdk.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.testkit.agent.AgentShape;
import io.gantry.testkit.agent.LinkState;
import io.gantry.testkit.agent.SimulatedAgent;
import io.gantry.testkit.agent.TaskScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Failure scenarios on a small simulated cluster: a dropped session, a silent one (partition),
 * a machine that dies, and agents added and removed while the cluster runs.
 */
class SimulatedClusterFailureTest {
  /** Three default heartbeat intervals (3 s) of silence and the check, with room to spare. */
  static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(4 * 5 + 3);
  static SimulatedCluster sim;
  static EcsClient ecs;
  static String service;

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster("faults"));
    sim.addAgents(4, i -> AgentShape.standard());
    ecs = Sdk.ecs(sim.endpoint());
    service = register(ecs, "svc", c -> c);
  }

  @AfterAll
  static void stop() {
    ecs.close();
    sim.close();
  }

  private static String startOn(SimulatedAgent agent, String taskDefinition) {
    String arn = ecs.startTask(b -> b.cluster("faults").taskDefinition(taskDefinition)
        .containerInstances(agent.containerInstanceArn())).tasks().get(0).taskArn();
    awaitTask(ecs, "faults", arn, "RUNNING");
    return arn;
  }

  private static void awaitAgentConnected(SimulatedAgent agent, boolean connected, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> sim.agentConnected(agent) == connected);
  }

  @Test
  void aDroppedSessionShowsDisconnectedAndAReconnectBringsTheFullSetBack() throws Exception {
    SimulatedAgent agent = sim.agents().get(0);
    String arn = startOn(agent, service);
    int fullSets = agent.fullSetsReceived();

    sim.disconnect(agent);

    awaitAgentConnected(agent, false, Duration.ofSeconds(5));
    assertThat(agent.link()).isEqualTo(LinkState.DISCONNECTED);
    assertThat(sim.census().tasksOn(agent.name())).isEqualTo(Map.of(arn, "RUNNING")); // keeps running
    ecs.stopTask(b -> b.cluster("faults").task(arn)); // waits for the agent to come back
    assertThat(ecs.describeTasks(b -> b.cluster("faults").tasks(arn)).tasks().get(0).lastStatus()).isEqualTo("RUNNING");

    sim.reconnect(agent);

    awaitAgentConnected(agent, true, Duration.ofSeconds(5));
    assertThat(agent.fullSetsReceived()).isEqualTo(fullSets + 1);
    assertThat(agent.lastFullSet()).contains(arn);
    Task stopped = awaitTask(ecs, "faults", arn, "STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
    assertThat(stopped.containers().get(0).exitCode()).isZero();
  }

  @Test
  void aSilentAgentIsNoticedByItsMissedHeartbeatsAndItsReportsWaitForTheNextSession() throws Exception {
    SimulatedAgent agent = sim.agents().get(1);
    String td = register(ecs, "short", c -> c.environment(env(Map.of(
        TaskScript.RUN_FOR, "4s", TaskScript.EXIT_CODE, "4"))));
    String arn = startOn(agent, td);

    sim.partition(agent);

    long began = System.nanoTime();
    awaitAgentConnected(agent, false, HEARTBEAT_TIMEOUT);
    System.out.printf("partition noticed after %.1f s%n", (System.nanoTime() - began) / 1e9);
    assertThat(sim.census().tasksOn(agent.name())).isEqualTo(Map.of(arn, "STOPPED")); // exited meanwhile
    assertThat(agent.unacknowledged()).isPositive();
    assertThat(ecs.describeTasks(b -> b.cluster("faults").tasks(arn)).tasks().get(0).lastStatus()).isEqualTo("RUNNING");

    sim.reconnect(agent);

    Task stopped = awaitTask(ecs, "faults", arn, "STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(4);
    assertThat(sim.agentConnected(agent)).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> agent.unacknowledged() == 0);
  }

  @Test
  void aKilledMachineTakesItsTasksWithItAndAgentsComeAndGoAtRuntime() throws Exception {
    SimulatedAgent doomed = sim.agents().get(2);
    SimulatedAgent leaving = sim.agents().get(3);
    String arn = startOn(doomed, service);

    sim.kill(doomed);

    assertThat(sim.census().byAgent()).doesNotContainKey(doomed.name());
    assertThat(sim.census().live()).doesNotContainKey(arn);
    assertThat(doomed.link()).isEqualTo(LinkState.KILLED);
    awaitAgentConnected(doomed, false, Duration.ofSeconds(5));

    SimulatedAgent added = sim.addAgent(AgentShape.standard().inZone("us-east-1b"));
    assertThat(sim.agentConnected(added)).isTrue();
    startOn(added, service);

    sim.remove(leaving);

    List<String> active = ecs.listContainerInstances(b -> b.cluster("faults").status("ACTIVE")).containerInstanceArns();
    assertThat(active).contains(added.containerInstanceArn(), doomed.containerInstanceArn())
        .doesNotContain(leaving.containerInstanceArn());
    assertThat(sim.agents()).contains(added).doesNotContain(doomed, leaving);
  }
}
