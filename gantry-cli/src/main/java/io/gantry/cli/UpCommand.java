package io.gantry.cli;

import io.gantry.agent.GantryAgent;
import io.gantry.agent.session.AgentConfig;
import io.gantry.agent.session.AgentCredentials;
import io.gantry.agent.session.EcsApiClient;
import io.gantry.server.GantryServer;
import io.gantry.server.auth.AccessKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code gantry up}: everything one machine needs, in one process — the control plane with its
 * embedded store, the cluster {@code default}, and a local agent that joins it and runs tasks on
 * the local Docker Engine. When Docker cannot be reached the control plane still runs and the
 * reason is printed.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start Gantry on this machine: control plane, embedded store and a local agent (cluster 'default').")
final class UpCommand extends ServerCommand {
  @Mixin
  AgentOptions agentOptions = new AgentOptions();

  @Override
  AutoCloseable afterStart(GantryServer server, Map<String, String> env) throws Exception {
    URI endpoint = URI.create(server.endpoint());
    AccessKey key = server.keys().get(0);
    AgentCredentials credentials = new AgentCredentials(key.accessKeyId(), key.secretAccessKey());
    AgentConfig config = agentOptions.resolve(env, endpoint, server.config().dataDir().resolve("agent"));
    new EcsApiClient(endpoint, credentials, config.region(), Clock.systemUTC())
        .call("CreateCluster", Map.of("clusterName", config.cluster()));
    try {
      GantryAgent agent = GantryAgent.start(config, credentials, env, Clock.systemUTC(), Duration.ofSeconds(30));
      System.out.println("Local agent joined cluster '" + config.cluster() + "' as " + agent.containerInstanceArn() + ".");
      return agent;
    } catch (Exception e) {
      System.out.println("The local agent did not start: " + e.getMessage() + "\n"
          + "It runs tasks on the Docker Engine: install it (Debian/Ubuntu: apt-get install docker.io) and start it "
          + "(systemctl start docker, or dockerd &), then run ./gantry up again. The control plane is running.");
      return () -> { };
    }
  }
}
