package io.gantry.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code gantry agent} in a child JVM, joined to a test server with the test key (or
 * with a join token, or the credentials an earlier join saved), keeping its state in
 * {@code dataDir}, which is also its working directory. {@link #kill()} sends SIGKILL; start it again on the same data
 * directory to test restart safety. Output goes to {@code agent.log} there.
 */
public final class AgentProcess implements AutoCloseable {
  private final Process process;

  private AgentProcess(Process process) {
    this.process = process;
  }

  /** Starts an agent with the test account key and waits until it has registered and started its engine. */
  public static AgentProcess start(URI endpoint, String cluster, Path dataDir) throws IOException {
    return start(endpoint, cluster, dataDir,
        Map.of("AWS_ACCESS_KEY_ID", GantryProcess.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", GantryProcess.SECRET_KEY));
  }

  /** Starts an agent given several control-plane replicas ({@code --endpoint A,B}), with the test account key. */
  public static AgentProcess start(List<URI> endpoints, String cluster, Path dataDir) throws IOException {
    return start(String.join(",", endpoints.stream().map(URI::toString).toList()), cluster, dataDir,
        Map.of("AWS_ACCESS_KEY_ID", GantryProcess.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", GantryProcess.SECRET_KEY));
  }

  /**
   * Starts an agent with {@code env} (and no other {@code AWS_} or {@code GANTRY_} variables)
   * and {@code extraArgs}, e.g. {@code --join-token T}; waits until it has started its engine.
   */
  public static AgentProcess start(URI endpoint, String cluster, Path dataDir, Map<String, String> env,
      String... extraArgs) throws IOException {
    return start(endpoint.toString(), cluster, dataDir, env, extraArgs);
  }

  private static AgentProcess start(String endpoint, String cluster, Path dataDir, Map<String, String> env,
      String... extraArgs) throws IOException {
    Files.createDirectories(dataDir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "io.gantry.cli.Main", "agent", "--endpoint", endpoint, "--cluster", cluster,
        "--agent-data-dir", dataDir.toString()));
    cmd.addAll(List.of(extraArgs));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dataDir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("GANTRY_"));
    pb.environment().putAll(env);
    Process process = pb.start();
    Path log = dataDir.resolve("agent.log");
    CompletableFuture<Boolean> started = ProcessOutput.follow(process, log, line -> line.contains("agent started:") ? true : null);
    try {
      started.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("gantry agent did not start; see " + log, e);
    }
    return new AgentProcess(process);
  }

  /** SIGKILL: no shutdown hook runs; containers keep running. */
  public void kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
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
