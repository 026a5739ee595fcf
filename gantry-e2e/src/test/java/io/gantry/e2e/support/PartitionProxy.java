package io.gantry.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a loopback port in front of a control plane, for partition tests: while
 * partitioned it keeps every connection open but passes nothing either way (both ends see a
 * silent peer, not a closed one, as with a lost route); healing passes bytes again and cuts the
 * connections that lived through the partition, so both ends start afresh. Thread-safe; one
 * daemon thread accepts and two per connection copy bytes.
 */
public final class PartitionProxy implements AutoCloseable {
  private final ServerSocket server;
  private final URI upstream;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean partitioned;

  public PartitionProxy(URI upstream) {
    this.upstream = upstream;
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    daemon("partition-proxy-accept", this::acceptLoop);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** From now on nothing passes, in either direction, on old or new connections. */
  public void partition() {
    partitioned = true;
  }

  /** Bytes pass again; connections opened before are cut. */
  public void heal() {
    partitioned = false;
    sockets.forEach(PartitionProxy::closeQuietly);
    sockets.clear();
  }

  @Override
  public void close() {
    closeQuietly(server);
    heal();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket target = new Socket(upstream.getHost(), upstream.getPort());
        sockets.add(client);
        sockets.add(target);
        daemon("partition-proxy-up", () -> pump(client, target));
        daemon("partition-proxy-down", () -> pump(target, client));
      } catch (IOException e) {
        // closed, or the control plane unreachable: the client sees a closed connection
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (!partitioned) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
