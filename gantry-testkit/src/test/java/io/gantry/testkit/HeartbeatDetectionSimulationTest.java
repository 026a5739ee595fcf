package io.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.server.FailureSettings;
import io.gantry.testkit.agent.AgentShape;
import io.gantry.testkit.agent.SimulatedAgent;
import io.gantry.testkit.server.EmbeddedServer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Heartbeat detection is configurable: with {@code heartbeat-interval-seconds=1} and
 * {@code heartbeat-missed-limit=3} a silent agent (partitioned: its socket stays open) is marked
 * disconnected within the limit plus a quarter interval of the control plane's check, and the
 * agents heartbeat at the interval the Welcome gives them (the others stay connected).
 */
class HeartbeatDetectionSimulationTest {

  @Test
  void aSilentAgentIsNoticedAfterTheConfiguredNumberOfMissedHeartbeats() throws Exception {
    FailureSettings fast = new FailureSettings(Duration.ofSeconds(1), 3, null, Duration.ofSeconds(6), 55);
    try (EmbeddedServer server = EmbeddedServer.start(Clock.systemUTC(), c -> c.withFailure(fast));
        SimulatedCluster sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster("beats")
            .attachedTo(server.endpoint(), EmbeddedServer.ACCESS_KEY, EmbeddedServer.SECRET_KEY))) {
      sim.addAgents(3, i -> AgentShape.standard());
      SimulatedAgent silent = sim.agents().get(0);
      Thread.sleep(5_000); // five intervals: agents that heartbeat at the Welcome's interval stay connected
      for (SimulatedAgent a : sim.agents()) {
        assertThat(sim.agentConnected(a)).isTrue();
      }

      sim.partition(silent);
      long began = System.nanoTime();
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .until(() -> !sim.agentConnected(silent));
      double seconds = (System.nanoTime() - began) / 1e9;
      System.out.printf("heartbeat 1 s x 3 missed: silent agent noticed after %.1f s%n", seconds);
      assertThat(seconds).isBetween(2.0, 5.0);
      assertThat(sim.agentConnected(sim.agents().get(1))).isTrue();
      assertThat(sim.agentConnected(sim.agents().get(2))).isTrue();
    }
  }
}
