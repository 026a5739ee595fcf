package io.gantry.testkit;

import io.gantry.server.ServerConfig;
import io.gantry.testkit.agent.AgentShape;
import io.gantry.testkit.server.EmbeddedServer;
import java.time.Clock;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A simulated cluster on an embedded control plane with its own configuration (grace, failure
 * settings, …): the server, {@code agents} standard agents in {@code cluster}, and an SDK client.
 * Closes all three. For the failure scenarios, which each need a server configured their way.
 */
record ConfiguredSimulation(EmbeddedServer server, SimulatedCluster sim, EcsClient ecs) implements AutoCloseable {

  static ConfiguredSimulation start(String cluster, int agents, UnaryOperator<ServerConfig> configure)
      throws Exception {
    EmbeddedServer server = EmbeddedServer.start(Clock.systemUTC(), configure);
    SimulatedCluster sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster(cluster)
        .attachedTo(server.endpoint(), EmbeddedServer.ACCESS_KEY, EmbeddedServer.SECRET_KEY));
    sim.addAgents(agents, i -> AgentShape.standard());
    return new ConfiguredSimulation(server, sim, Sdk.ecs(sim.endpoint()));
  }

  @Override
  public void close() {
    ecs.close();
    sim.close();
    server.close();
  }
}
