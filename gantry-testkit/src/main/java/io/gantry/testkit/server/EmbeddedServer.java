package io.gantry.testkit.server;

import io.gantry.server.GantryServer;
import io.gantry.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The real Gantry control plane started in this process: bound to 127.0.0.1 on a free port, its
 * embedded store and credentials in a fresh temporary directory that {@link #close()} removes,
 * one access key known up front. Start and close from one thread; the server itself serves on
 * its own threads.
 */
public final class EmbeddedServer implements AutoCloseable {
  /** The access key the embedded server accepts (account 000000000000). */
  public static final String ACCESS_KEY = "AKIDGANTRYSIMULATION";
  public static final String SECRET_KEY = "gantry/simulation/secret/0123456789abcdefgh";

  private final Path dir;
  private final GantryServer server;

  private EmbeddedServer(Path dir, GantryServer server) {
    this.dir = dir;
    this.server = server;
  }

  /** Starts a server on the system clock. */
  public static EmbeddedServer start() throws Exception {
    return start(Clock.systemUTC());
  }

  /** Starts a server whose SigV4 checks and timestamps use {@code clock}. */
  public static EmbeddedServer start(Clock clock) throws Exception {
    return start(clock, UnaryOperator.identity());
  }

  /** Starts a server on {@code clock} with its configuration changed by {@code configure} (e.g. a shorter lost-task grace). */
  public static EmbeddedServer start(Clock clock, UnaryOperator<ServerConfig> configure) throws Exception {
    Path dir = Files.createTempDirectory("gantry-sim");
    try {
      ServerConfig config = configure.apply(ServerConfig.defaults().with("127.0.0.1", "0", dir.toString(), null));
      GantryServer server = GantryServer.start(config,
          Map.of("GANTRY_ACCESS_KEY_ID", ACCESS_KEY, "GANTRY_SECRET_ACCESS_KEY", SECRET_KEY), clock);
      return new EmbeddedServer(dir, server);
    } catch (Exception e) {
      delete(dir);
      throw e;
    }
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return URI.create(server.endpoint());
  }

  public GantryServer server() {
    return server;
  }

  /** Stops the server and removes its data. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + root, e);
    }
  }
}
