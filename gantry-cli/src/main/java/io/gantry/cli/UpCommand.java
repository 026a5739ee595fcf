package io.gantry.cli;

import io.gantry.agent.GantryAgent;
import io.gantry.agent.session.AgentConfig;
import io.gantry.agent.session.AgentCredentials;
import io.gantry.agent.session.EcsApiClient;
import io.gantry.agent.session.SavedCredentials;
import io.gantry.server.GantryServer;
import io.gantry.server.auth.AccessKey;
import io.gantry.server.auth.AgentKey;
import io.gantry.server.placement.ManagedCapacity;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code gantry up}: everything one machine needs, in one process — the control plane with its
 * embedded store, the cluster {@code default}, and a local agent that joins it and runs tasks on
 * the local Docker Engine. The local agent signs with agent credentials the server issues to it
 * directly, not with the account key. When Docker cannot be reached the control plane still runs and the
 * reason is printed.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start Gantry on this machine: control plane, embedded store and a local agent (cluster 'default').")
final class UpCommand extends ServerCommand {
  @Mixin
  AgentOptions agentOptions = new AgentOptions();

  @picocli.CommandLine.Option(names = "--no-fargate", description = "Do not offer this machine as managed capacity "
      + "for FARGATE tasks (by default a second local agent does, in the reserved cluster "
      + ManagedCapacity.CLUSTER + ").")
  boolean noFargate;

  @Override
  AutoCloseable afterStart(GantryServer server, Map<String, String> env) throws Exception {
    URI endpoint = URI.create(server.endpoint());
    AccessKey key = server.keys().get(0);
    AgentConfig config = agentOptions.resolve(env, endpoint, server.config().dataDir().resolve("agent"));
    new EcsApiClient(endpoint, new AgentCredentials(key.accessKeyId(), key.secretAccessKey()), config.region(),
        Clock.systemUTC()).call("CreateCluster", Map.of("clusterName", config.cluster()));
    AgentCredentials credentials = localAgentCredentials(server, key.accountId(), config);
    try {
      GantryAgent agent = GantryAgent.start(config, credentials, env, Clock.systemUTC(), Duration.ofSeconds(30));
      System.out.println("Local agent joined cluster '" + config.cluster() + "' as " + agent.containerInstanceArn() + ".");
      if (noFargate || ManagedCapacity.isManaged(config.cluster())) {
        return agent;
      }
      GantryAgent managed;
      try {
        managed = startManaged(server, key.accountId(), config, env);
      } catch (Exception e) {
        System.out.println("The managed-capacity agent did not start (FARGATE tasks cannot run here): " + e.getMessage());
        return agent;
      }
      return () -> {
        managed.close();
        agent.close();
      };
    } catch (Exception e) {
      System.out.println("The local agent did not start: " + e.getMessage() + "\n"
          + "It runs tasks on the Docker Engine: install it (Debian/Ubuntu: apt-get install docker.io) and start it "
          + "(systemctl start docker, or dockerd &), then run ./gantry up again. The control plane is running.");
      return () -> { };
    }
  }

  /**
   * The second local agent: the same machine offered as managed capacity (cluster {@link
   * ManagedCapacity#CLUSTER}) with a data directory of its own, so FARGATE tasks run here too.
   */
  private static GantryAgent startManaged(GantryServer server, String accountId, AgentConfig local,
      Map<String, String> env) throws Exception {
    AgentConfig config = new AgentConfig(local.endpoint(), ManagedCapacity.CLUSTER, local.region(),
        server.config().dataDir().resolve("agent-fargate"), local.reservedMemoryMib(), local.availabilityZone(),
        local.instanceType(), false, local.stopTimeout(), local.pauseImage(), null, local.endpoints());
    GantryAgent agent = GantryAgent.start(config, localAgentCredentials(server, accountId, config), env,
        Clock.systemUTC(), Duration.ofSeconds(30));
    System.out.println("Local agent offers managed capacity for FARGATE tasks as " + agent.containerInstanceArn() + ".");
    return agent;
  }

  /**
   * Agent credentials for the local agent, issued directly by the server (no join token) and
   * kept in the agent data directory; those saved by an earlier start are reused while the
   * server still knows them.
   */
  private static AgentCredentials localAgentCredentials(GantryServer server, String accountId, AgentConfig config)
      throws IOException {
    Optional<SavedCredentials> saved = SavedCredentials.load(config.dataDir())
        .filter(s -> s.cluster().equals(config.cluster()) && s.region().equals(config.region())
            && s.accountId().equals(accountId))
        .filter(s -> server.agentKey(s.accessKeyId()).isPresent());
    if (saved.isPresent()) {
      return saved.get().credentials();
    }
    AgentKey issued = server.issueAgentKey(accountId, config.region(), config.cluster());
    SavedCredentials fresh = new SavedCredentials(issued.accessKeyId(), issued.secretAccessKey(), issued.accountId(),
        issued.region(), issued.cluster());
    fresh.save(config.dataDir());
    return fresh.credentials();
  }
}
