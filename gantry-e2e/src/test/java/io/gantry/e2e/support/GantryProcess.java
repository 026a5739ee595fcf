package io.gantry.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code gantry server} in a child JVM on a free port, with its own data directory and a
 * fixed access key. {@link #kill()} sends SIGKILL, {@link #stop()} SIGTERM; {@link #restart()}
 * starts a new process on the same data directory. Output goes to {@code server.log} there.
 */
public final class GantryProcess implements AutoCloseable {
  public static final String ACCESS_KEY = "AKGATESTACCESSKEY001";
  public static final String SECRET_KEY = "gantry/test/secret/key/0123456789abcdefgh";
  public static final String ACCOUNT = "000000000000";
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  private final Path dataDir;
  private final String command;
  private final List<String> extraArgs;
  private Process process;
  private URI endpoint;

  private int port;

  private GantryProcess(Path dataDir, String command, List<String> extraArgs) {
    this.dataDir = dataDir;
    this.command = command;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** Starts a server on {@code dataDir} and waits until it listens. */
  public static GantryProcess start(Path dataDir, String... extraArgs) throws IOException {
    GantryProcess p = new GantryProcess(dataDir, "server", List.of(extraArgs));
    p.launch();
    return p;
  }

  /** Starts {@code gantry up} (control plane and a local agent on the local Docker Engine). */
  public static GantryProcess up(Path dataDir, String... extraArgs) throws IOException {
    GantryProcess p = new GantryProcess(dataDir, "up", List.of(extraArgs));
    p.launch();
    return p;
  }

  public URI endpoint() {
    return endpoint;
  }

  public Path dataDir() {
    return dataDir;
  }

  public long pid() {
    return process.pid();
  }

  private void launch() throws IOException {
    Files.createDirectories(dataDir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        "io.gantry.cli.Main", command, "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
    cmd.addAll(extraArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("GANTRY_ACCESS_KEY_ID", ACCESS_KEY);
    pb.environment().put("GANTRY_SECRET_ACCESS_KEY", SECRET_KEY);
    process = pb.start();
    Path log = dataDir.resolve("server.log");
    CompletableFuture<URI> ready = ProcessOutput.follow(process, log, line -> {
      Matcher m = LISTENING.matcher(line);
      return m.find() ? URI.create(m.group(1)) : null;
    });
    try {
      endpoint = ready.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("gantry server did not start; see " + log, e);
    }
  }

  /** SIGKILL: no shutdown hooks, no flushing. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM and wait for a graceful exit; returns the exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * A new server process on the same data directory and port (after {@link #kill()} or {@link
   * #stop()}), so agents pointed at it find it again.
   */
  public GantryProcess restart() throws IOException {
    GantryProcess p = new GantryProcess(dataDir, command, extraArgs);
    p.port = endpoint.getPort();
    p.launch();
    return p;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      stop();
    }
  }
}
