package io.gantry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.agent.session.AgentCredentials;
import io.gantry.agent.session.EcsApiClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code gantry up} in a child JVM — control plane and local agent, exactly as a user starts
 * them — on a free port with its own data directory and a fixed access key. Its output goes to
 * {@code up.log} in the data directory, pumped by one daemon thread. {@link #close} sends SIGTERM.
 */
final class GantryUpProcess implements AutoCloseable {
  static final String ACCESS_KEY = "AKGABENCHACCESSKEY02";
  static final String SECRET_KEY = "bench/secret/key/task-start-0123456789ab";
  static final String REGION = "us-east-1";

  private final Process process;
  private final Path log;
  private final URI endpoint;
  private final EcsApiClient client;

  private GantryUpProcess(Process process, Path log, URI endpoint) {
    this.process = process;
    this.log = log;
    this.endpoint = endpoint;
    this.client = new EcsApiClient(endpoint, new AgentCredentials(ACCESS_KEY, SECRET_KEY), REGION, Clock.systemUTC());
  }

  /**
   * Starts {@code gantry up} and returns once it listens and its local agent is connected to
   * {@code cluster} (the cluster {@code gantry up} joins by default).
   */
  static GantryUpProcess start(Path dataDir, String cluster) throws IOException, InterruptedException {
    return start(dataDir, List.of(cluster), List.of());
  }

  /**
   * Starts {@code gantry up} with {@code extraArgs} and returns once it listens and each of
   * {@code clusters} has a connected agent ({@code gantry-fargate}: the managed-capacity agent).
   */
  static GantryUpProcess start(Path dataDir, List<String> clusters, List<String> extraArgs)
      throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "io.gantry.cli.Main", "up", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
    cmd.addAll(extraArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("GANTRY_ACCESS_KEY_ID", ACCESS_KEY);
    pb.environment().put("GANTRY_SECRET_ACCESS_KEY", SECRET_KEY);
    Process process = pb.start();
    Path log = dataDir.resolve("up.log");
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(process, log, listening), "gantry-up-log");
    pump.setDaemon(true);
    pump.start();
    GantryUpProcess up = new GantryUpProcess(process, log, URI.create("http://127.0.0.1:" + port));
    try {
      listening.get(60, TimeUnit.SECONDS);
      for (String cluster : clusters) {
        up.awaitAgent(cluster, 60_000);
      }
    } catch (Exception e) {
      up.close();
      throw new IOException("gantry up did not become ready; see " + log, e);
    }
    return up;
  }

  EcsApiClient client() {
    return client;
  }

  URI endpoint() {
    return endpoint;
  }

  Path log() {
    return log;
  }

  /** Waits until a container instance of {@code cluster} shows {@code agentConnected}. */
  private void awaitAgent(String cluster, long timeoutMillis) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      JsonNode arns;
      try {
        arns = client.call("ListContainerInstances", Map.of("cluster", cluster)).path("containerInstanceArns");
      } catch (EcsApiClient.ApiException e) {
        if (!e.type().equals("ClusterNotFoundException")) {
          throw e;
        }
        arns = null; // gantry up creates the cluster just after it starts listening
      }
      if (arns != null && arns.size() > 0) {
        JsonNode described = client.call("DescribeContainerInstances",
            Map.of("cluster", cluster, "containerInstances", arns));
        for (JsonNode instance : described.path("containerInstances")) {
          if (instance.path("agentConnected").asBoolean(false)) {
            return;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new IOException("no connected agent in cluster " + cluster);
  }

  private static void pump(Process process, Path log, CompletableFuture<Void> listening) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        if (line.contains("listening on")) {
          listening.complete(null);
        }
      }
    } catch (IOException e) {
      listening.completeExceptionally(e);
    }
    listening.completeExceptionally(new IOException("gantry up exited before it listened"));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
