package io.gantry.store.etcd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One etcd member run as a child process on loopback ports, with its data in a directory of its
 * own (Debian's {@code etcd-server}, {@code /usr/bin/etcd}, or {@code -Dgantry.etcd=PATH}). It
 * can be stopped, killed and started again on the same ports and data. Not thread-safe: one test
 * thread drives it.
 */
public final class EtcdProcess implements AutoCloseable {
  static final String BINARY = System.getProperty("gantry.etcd", "/usr/bin/etcd");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /** Name, ports and data directory of a member; {@code initialCluster} lists every member's peer URL. */
  record Member(String name, int clientPort, int peerPort, Path dataDir) {
    URI clientUrl() {
      return URI.create("http://127.0.0.1:" + clientPort);
    }

    String peerUrl() {
      return "http://127.0.0.1:" + peerPort;
    }
  }

  private final Member member;
  private final String initialCluster;
  private final Duration heartbeat;
  private Process process;

  private EtcdProcess(Member member, String initialCluster, Duration heartbeat) {
    this.member = member;
    this.initialCluster = initialCluster;
    this.heartbeat = heartbeat;
  }

  /** A single-member cluster in a new temporary directory, started and healthy. */
  public static EtcdProcess startSingle() {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) { // a port may be taken between probe and bind
      Member m = newMember("solo", newDataDir());
      EtcdProcess etcd = new EtcdProcess(m, m.name() + "=" + m.peerUrl(), Duration.ofMillis(10));
      try {
        etcd.start();
        etcd.awaitHealthy(Duration.ofSeconds(15));
        return etcd;
      } catch (IllegalStateException e) {
        etcd.close();
        last = e;
      }
    }
    throw last;
  }

  /** A member of a multi-member cluster; start every member, then await their health. */
  static EtcdProcess member(Member m, String initialCluster) {
    return new EtcdProcess(m, initialCluster, Duration.ofMillis(50));
  }

  static Member newMember(String name, Path dataDir) {
    return new Member(name, freePort(), freePort(), dataDir);
  }

  Member member() {
    return member;
  }

  public List<URI> endpoints() {
    return List.of(member.clientUrl());
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Starts the process (again, after a stop or kill, on the same ports and data). */
  void start() {
    if (isRunning()) {
      throw new IllegalStateException(member.name() + " is already running");
    }
    if (!Files.isExecutable(Path.of(BINARY))) {
      throw new IllegalStateException("no etcd at " + BINARY + " (Debian: apt-get install etcd-server; scripts/lib.sh ensure_etcd)");
    }
    List<String> cmd = new ArrayList<>(List.of(BINARY,
        "--name", member.name(),
        "--data-dir", member.dataDir().resolve("data").toString(),
        "--listen-client-urls", member.clientUrl().toString(),
        "--advertise-client-urls", member.clientUrl().toString(),
        "--listen-peer-urls", member.peerUrl(),
        "--initial-advertise-peer-urls", member.peerUrl(),
        "--initial-cluster", initialCluster,
        "--initial-cluster-state", "new",
        "--heartbeat-interval", Long.toString(heartbeat.toMillis()),
        "--election-timeout", Long.toString(heartbeat.toMillis() * 10)));
    try {
      process = new ProcessBuilder(cmd)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(member.dataDir().resolve("etcd.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process p = process;
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
  }

  /** Waits until the member answers {@code /health} with a leader elected. */
  void awaitHealthy(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    HttpRequest health = HttpRequest.newBuilder(member.clientUrl().resolve("/health")).timeout(Duration.ofSeconds(1)).build();
    while (System.nanoTime() < deadline) {
      if (!isRunning()) {
        throw new IllegalStateException(member.name() + " exited; see " + member.dataDir().resolve("etcd.log"));
      }
      try {
        if (HTTP.send(health, HttpResponse.BodyHandlers.ofString()).body().contains("\"true\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      sleep(Duration.ofMillis(20));
    }
    throw new IllegalStateException(member.name() + " not healthy within " + patience + "; see " + member.dataDir().resolve("etcd.log"));
  }

  /** SIGTERM, and waits for the exit. */
  void stop() {
    end(false);
  }

  /** SIGKILL, and waits for the exit. */
  void kill() {
    end(true);
  }

  /** Stops the member and deletes its data. */
  @Override
  public void close() {
    kill();
    deleteRecursively(member.dataDir());
  }

  private void end(boolean force) {
    if (process == null) {
      return;
    }
    if (force) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  static Path newDataDir() {
    try {
      Path base = Files.createDirectories(Path.of("target", "etcd-it"));
      return Files.createTempDirectory(base.toAbsolutePath(), "etcd-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
