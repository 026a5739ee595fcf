package io.gantry.cli;

import io.gantry.agent.GantryAgent;
import io.gantry.agent.session.AgentConfig;
import io.gantry.agent.session.AgentCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gantry agent}: joins this machine to a cluster and runs its tasks on the local Docker
 * Engine until SIGTERM. Containers keep running when the agent stops.
 */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Run a node agent on this machine.")
final class AgentCommand implements Callable<Integer> {
  @Mixin
  AgentOptions options = new AgentOptions();

  @Option(names = "--credentials-file",
      description = "AWS shared-credentials file with the agent's key (default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, else ./.gantry/credentials).")
  Path credentialsFile;

  @Option(names = "--profile", description = "Profile in the credentials file (default: default).")
  String profile = "default";

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = System.getenv();
    AgentConfig config;
    AgentCredentials credentials;
    try {
      config = options.resolve(env, null, Path.of(".gantry", "agent"));
      credentials = credentials(env);
    } catch (IllegalArgumentException | java.io.IOException e) {
      System.err.println("gantry agent: " + e.getMessage());
      return 2;
    }
    GantryAgent agent;
    try {
      agent = GantryAgent.start(config, credentials, env, Clock.systemUTC(), Duration.ofMinutes(5));
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

  private AgentCredentials credentials(Map<String, String> env) throws java.io.IOException {
    if (credentialsFile == null && env.get("AWS_ACCESS_KEY_ID") != null && env.get("AWS_SECRET_ACCESS_KEY") != null) {
      return new AgentCredentials(env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"));
    }
    Path file = credentialsFile != null ? credentialsFile : Path.of(".gantry", "credentials");
    return AgentCredentials.fromFile(file, profile);
  }
}
