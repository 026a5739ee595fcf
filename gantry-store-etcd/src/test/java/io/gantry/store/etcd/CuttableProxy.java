package io.gantry.store.etcd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a loopback port in front of one etcd client URL, for tests that lose answers:
 * it can swallow everything etcd sends back (requests still reach etcd) and cut every
 * connection. Thread-safe; one daemon thread accepts and two per connection copy bytes.
 */
final class CuttableProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean swallowAnswers;

  CuttableProxy(URI target) {
    this.upstream = new InetSocketAddress(target.getHost(), target.getPort());
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    daemon("proxy-accept", this::acceptLoop);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** From now on, drop what etcd sends back instead of passing it on. */
  void swallowAnswers(boolean swallow) {
    swallowAnswers = swallow;
  }

  /** Closes every open connection, both sides. */
  void cutAll() {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    sockets.clear();
  }

  @Override
  public void close() {
    closeQuietly(server);
    cutAll();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket etcd = new Socket(upstream.getAddress(), upstream.getPort());
        sockets.add(client);
        sockets.add(etcd);
        daemon("proxy-up", () -> pump(client, etcd, false));
        daemon("proxy-down", () -> pump(etcd, client, true));
      } catch (IOException e) {
        // closed, or etcd unreachable: the client sees a closed connection
      }
    }
  }

  private void pump(Socket from, Socket to, boolean answers) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (!(answers && swallowAnswers)) {
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
