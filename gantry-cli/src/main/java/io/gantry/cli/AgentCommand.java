package io.gantry.cli;

import io.gantry.agent.GantryAgent;
import io.gantry.agent.session.AgentConfig;
import io.gantry.agent.session.AgentCredentials;
import io.gantry.agent.session.EcsApiClient;
import io.gantry.agent.session.JoinClient;
import io.gantry.agent.session.SavedCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gantry agent}: joins this machine to a cluster and runs its tasks on the local Docker
 * Engine until SIGTERM. Containers keep running when the agent stops.
 *
 * <p>Credentials, first that applies: {@code --credentials-file}; agent credentials saved in the
 * agent data directory by an earlier join for the same cluster; {@code --join-token}, exchanged
 * for agent credentials that are then saved; {@code AWS_ACCESS_KEY_ID}/{@code
 * AWS_SECRET_ACCESS_KEY}; {@code ./.gantry/credentials}.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Run a node agent on this machine.")
final class AgentCommand implements Callable<Integer> {
  private static final Path DEFAULT_DATA_DIR = Path.of(".gantry", "agent");

  @Mixin
  AgentOptions options = new AgentOptions();

  @Option(names = "--join-token", description = "Join token from 'gantry join-token create' (GANTRY_JOIN_TOKEN). "
      + "Exchanged once for agent credentials, kept in the agent data dir (mode 0600) for restarts.")
  String joinToken;

  @Option(names = "--credentials-file",
      description = "AWS shared-credentials file with an account key (default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, else ./.gantry/credentials).")
  Path credentialsFile;

  @Option(names = "--profile", description = "Profile in the credentials file (default: default).")
  String profile = "default";

  /** The configuration and the credentials the agent runs with. */
  private record Start(AgentConfig config, AgentCredentials credentials) {}

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = System.getenv();
    Start start;
    try {
      start = resolve(env);
    } catch (EcsApiClient.ApiException e) {
      System.err.println("gantry agent: the control plane refused the join token: " + e.getMessage());
      return 1;
    } catch (java.net.ConnectException e) {
      System.err.println("gantry agent: cannot reach the control plane to join: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("gantry agent: " + e.getMessage());
      return 2;
    }
    GantryAgent agent;
    try {
      agent = GantryAgent.start(start.config(), start.credentials(), env, Clock.systemUTC(), Duration.ofMinutes(5));
    } catch (Exception e) {
      System.err.println("gantry agent: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      stopped.countDown();
    }, "gantry-agent-shutdown"));
    stopped.await();
    return 0;
  }

  private Start resolve(Map<String, String> env) throws IOException, InterruptedException {
    AgentConfig config = options.resolve(env, null, DEFAULT_DATA_DIR);
    if (credentialsFile != null) {
      return new Start(config, AgentCredentials.fromFile(credentialsFile, profile));
    }
    Optional<SavedCredentials> saved = SavedCredentials.load(config.dataDir())
        .filter(s -> s.cluster().equals(config.cluster()));
    if (saved.isPresent()) {
      System.out.println("Using the agent credentials saved in " + SavedCredentials.file(config.dataDir())
          + " (" + saved.get().accessKeyId() + ").");
      return issued(env, saved.get());
    }
    String token = joinToken != null ? joinToken : env.get("GANTRY_JOIN_TOKEN");
    if (token != null && !token.isBlank()) {
      SavedCredentials joined = JoinClient.join(config.endpoint(), token, config.cluster());
      joined.save(config.dataDir());
      System.out.println("Joined cluster " + joined.cluster() + " (" + joined.region() + "); agent credentials "
          + joined.accessKeyId() + " saved in " + SavedCredentials.file(config.dataDir()) + ".");
      return issued(env, joined);
    }
    if (env.get("AWS_ACCESS_KEY_ID") != null && env.get("AWS_SECRET_ACCESS_KEY") != null) {
      return new Start(config, new AgentCredentials(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")));
    }
    return new Start(config, AgentCredentials.fromFile(Path.of(".gantry", "credentials"), profile));
  }

  /** Issued credentials sign for the region they are bound to. */
  private Start issued(Map<String, String> env, SavedCredentials saved) {
    return new Start(options.resolve(env, null, DEFAULT_DATA_DIR, saved.region()), saved.credentials());
  }
}
