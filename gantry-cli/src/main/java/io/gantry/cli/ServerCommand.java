package io.gantry.cli;

import io.gantry.server.GantryServer;
import io.gantry.server.ServerConfig;
import io.gantry.server.auth.AccessKey;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gantry server}: runs the control plane until SIGTERM or SIGINT, then stops gracefully. */
@Command(name = "server", mixinStandardHelpOptions = true, description = "Run the Gantry control plane.")
class ServerCommand implements Callable<Integer> {
  @Mixin
  ServerOptions options = new ServerOptions();

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = System.getenv();
    ServerConfig config;
    try {
      config = options.resolve(env);
    } catch (IllegalArgumentException e) {
      System.err.println("gantry: " + e.getMessage());
      return 2;
    }
    GantryServer server;
    try {
      server = GantryServer.start(config, env, Clock.systemUTC());
    } catch (java.io.IOException e) {
      String cause = e.getCause() != null ? e.getCause().getMessage() : "";
      System.err.println("gantry: " + e.getMessage() + (cause.isEmpty() ? "" : ": " + cause));
      return 1;
    }
    printUsage(server);
    AutoCloseable extra = afterStart(server, env);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        extra.close();
      } catch (Exception e) {
        System.err.println("gantry: " + e.getMessage());
      }
      server.close();
      stopped.countDown();
    }, "gantry-shutdown"));
    stopped.await();
    return 0;
  }

  /** What runs beside the control plane in this process (nothing for {@code server}); closed first on stop. */
  AutoCloseable afterStart(GantryServer server, Map<String, String> env) throws Exception {
    return () -> { };
  }

  /** Tells the user how to point the AWS CLI at this server. */
  static void printUsage(GantryServer server) {
    AccessKey key = server.keys().get(0);
    String creds = server.config().credentialsFile().toString();
    StringBuilder sb = new StringBuilder();
    if (server.credentialsCreated()) {
      sb.append("Created access key ").append(key.accessKeyId()).append(" in ").append(creds).append(" (mode 0600).\n");
    }
    sb.append("Use the AWS CLI with Gantry:\n")
        .append("  export AWS_SHARED_CREDENTIALS_FILE=").append(creds).append(" AWS_REGION=us-east-1\n")
        .append("  aws ecs list-clusters --endpoint-url ").append(server.endpoint()).append('\n')
        .append("or: export AWS_ACCESS_KEY_ID=").append(key.accessKeyId())
        .append(" AWS_SECRET_ACCESS_KEY=$(awk -F' = ' '/aws_secret_access_key/{print $2; exit}' ").append(creds).append(")\n")
        .append("Add a machine: AWS_SHARED_CREDENTIALS_FILE=").append(creds)
        .append(" gantry join-token create --endpoint ").append(server.endpoint()).append(" --cluster default\n");
    System.out.print(sb);
    System.out.flush();
  }
}
