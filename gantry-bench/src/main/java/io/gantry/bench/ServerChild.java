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
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code gantry server} (control plane only) in a child JVM on a free port and {@code dataDir},
 * with a fixed access key of account {@link #ACCOUNT}; output appended to {@code server.log} there
 * by one daemon thread. {@link #kill} sends SIGKILL, {@link #close} SIGTERM.
 */
final class ServerChild implements AutoCloseable {
  static final String ACCOUNT = "000000000000";
  static final String REGION = "us-east-1";
  private static final String ACCESS_KEY = "AKGABENCHACCESSKEY03";
  private static final String SECRET_KEY = "bench/secret/key/restart-0123456789abcd";

  private final Process process;
  private final long launched;
  private final CompletableFuture<Long> listening;
  private final EcsApiClient client;

  private ServerChild(Process process, long launched, CompletableFuture<Long> listening, URI endpoint) {
    this.process = process;
    this.launched = launched;
    this.listening = listening;
    this.client = new EcsApiClient(endpoint, new AgentCredentials(ACCESS_KEY, SECRET_KEY), REGION, Clock.systemUTC());
  }

  /** Launches the server and returns at once (see {@link #awaitServing}). */
  static ServerChild start(Path dataDir, String... extraArgs) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "io.gantry.cli.Main", "server", "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
    cmd.addAll(List.of(extraArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("GANTRY_ACCESS_KEY_ID", ACCESS_KEY);
    pb.environment().put("GANTRY_SECRET_ACCESS_KEY", SECRET_KEY);
    long launched = System.nanoTime();
    Process process = pb.start();
    CompletableFuture<Long> listening = new CompletableFuture<>();
    Path log = dataDir.resolve("server.log");
    Thread pump = new Thread(() -> pump(process, log, listening), "gantry-server-log");
    pump.setDaemon(true);
    pump.start();
    return new ServerChild(process, launched, listening, URI.create("http://127.0.0.1:" + port));
  }

  EcsApiClient client() {
    return client;
  }

  /**
   * Seconds from launch to each milestone; {@code firstAnswerCpu} is the server's CPU time used
   * up to its first answer; {@code listTasksSteady} is how long one more ListTasks
   * takes once everything has loaded (its own cost); {@code pageSize} is how many ARNs it returned.
   */
  record Timings(double listening, double firstAnswer, double firstAnswerCpu, double listTasks, double describeTasks, double runTask,
      double listTasksSteady, int pageSize) {}

  /**
   * Polls (every 10 ms) until the server answers ListClusters, then times ListTasks of
   * {@code cluster}, DescribeTasks of its first 100 tasks and a RunTask of one task (definition
   * {@code bench}), which needs the placement state loaded.
   */
  Timings awaitServing(String cluster) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      try {
        client.call("ListClusters", Map.of());
        break;
      } catch (IOException e) {
        if (e instanceof EcsApiClient.ApiException || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(10);
      }
    }
    double first = since();
    double firstCpu = cpuSeconds();
    double listening = (this.listening.get(60, TimeUnit.SECONDS) - launched) / 1e9;
    JsonNode page = client.call("ListTasks", Map.of("cluster", cluster, "maxResults", 100));
    double listed = since();
    List<String> arns = new ArrayList<>();
    page.path("taskArns").forEach(n -> arns.add(n.asText()));
    JsonNode described = client.call("DescribeTasks", Map.of("cluster", cluster, "tasks", arns));
    double describedAt = since();
    if (described.path("tasks").size() != arns.size() || arns.isEmpty()) {
      throw new IllegalStateException("DescribeTasks answered " + described.path("tasks").size() + " of " + arns.size());
    }
    JsonNode ran = client.call("RunTask", Map.of("cluster", cluster, "taskDefinition", "bench", "count", 1));
    double placedAt = since();
    if (ran.path("tasks").size() != 1) {
      throw new IllegalStateException("RunTask placed nothing: " + ran);
    }
    long again = System.nanoTime();
    client.call("ListTasks", Map.of("cluster", cluster, "maxResults", 100));
    double steady = (System.nanoTime() - again) / 1e9;
    return new Timings(listening, first, firstCpu, listed, describedAt, placedAt, steady, arns.size());
  }

  /**
   * CPU seconds the server process has used so far (user + system, all threads, from
   * /proc/PID/stat in clock ticks of 1/100 s): what a start costs regardless of how loaded the
   * machine is.
   */
  private double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
  }

  private double since() {
    return (System.nanoTime() - launched) / 1e9;
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  private static void pump(Process process, Path log, CompletableFuture<Long> listening) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.contains("listening on")) {
          listening.complete(System.nanoTime());
        }
        out.write(line);
        out.write('\n');
        out.flush();
      }
    } catch (IOException e) {
      listening.completeExceptionally(e);
    }
    listening.completeExceptionally(new IOException("gantry server exited before it listened"));
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
