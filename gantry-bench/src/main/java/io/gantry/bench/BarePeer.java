package io.gantry.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The peer for the API benchmark: the same HTTP server (Jetty, same pool and connector settings)
 * answering every POST with a fixed small JSON body after reading the request — no signature
 * check, no dispatch, no store. Gantry's figures divided by this peer's show what everything
 * above plain HTTP costs.
 */
public final class BarePeer implements AutoCloseable {
  private static final byte[] BODY =
      "{\"clusters\":[{\"clusterArn\":\"arn:aws:ecs:us-east-1:000000000000:cluster/bench\",\"clusterName\":\"bench\",\"status\":\"ACTIVE\"}],\"failures\":[]}"
          .getBytes(StandardCharsets.UTF_8);
  private final Server server;

  /** Runs the peer on {@code args[0]} (a port) until killed. */
  public static void main(String[] args) throws Exception {
    BarePeer peer = new BarePeer(args.length > 0 ? Integer.parseInt(args[0]) : 0);
    System.out.println("peer listening on " + peer.endpoint());
    peer.server.join();
  }

  BarePeer() throws Exception {
    this(0);
  }

  BarePeer(int port) throws Exception {
    QueuedThreadPool pool = new QueuedThreadPool(64, 8);
    server = new Server(pool);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(new HttpConfiguration()));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Content.Source.asInputStream(request).readAllBytes();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-amz-json-1.1");
        response.write(true, ByteBuffer.wrap(BODY), callback);
        return true;
      }
    });
    server.start();
  }

  java.net.URI endpoint() {
    return java.net.URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
