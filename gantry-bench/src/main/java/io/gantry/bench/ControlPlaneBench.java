package io.gantry.bench;

import io.gantry.server.GantryServer;
import io.gantry.server.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The control-plane API benchmark: signed DescribeClusters (reads) and RegisterTaskDefinition
 * (durable writes) at concurrency 1 and 32 against a Gantry server, and the same read load
 * against a bare HTTP peer. Run with
 * {@code java -cp gantry-bench/target/gantry-bench.jar io.gantry.bench.ControlPlaneBench [seconds]}
 * or against a running server with {@code --endpoint URL --access-key ID --secret-key KEY}.
 */
public final class ControlPlaneBench {
  private static final String DESCRIBE = "{\"clusters\":[\"bench\"]}";

  private ControlPlaneBench() {}

  public static void main(String[] args) throws Exception {
    int seconds = 10;
    URI endpoint = null;
    String accessKey = "AKGABENCHACCESSKEY01";
    String secretKey = "bench/secret/key/0123456789abcdefghijklm";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--endpoint" -> endpoint = URI.create(args[++i]);
        case "--access-key" -> accessKey = args[++i];
        case "--secret-key" -> secretKey = args[++i];
        default -> seconds = Integer.parseInt(args[i]);
      }
    }
    Duration warmup = Duration.ofSeconds(Math.max(2, seconds / 3));
    Duration measure = Duration.ofSeconds(seconds);
    List<ApiLoad.Result> results = new ArrayList<>();
    GantryServer server = null;
    Path dir = null;
    if (endpoint == null) {
      dir = Files.createTempDirectory("gantry-bench");
      server = GantryServer.start(ServerConfig.defaults().with("127.0.0.1", "0", dir.toString(), null),
          Map.of("GANTRY_ACCESS_KEY_ID", accessKey, "GANTRY_SECRET_ACCESS_KEY", secretKey), Clock.systemUTC());
      endpoint = URI.create(server.endpoint());
    }
    try {
      ApiLoad gantry = new ApiLoad(endpoint, accessKey, secretKey);
      gantry.run("setup CreateCluster", "CreateCluster", n -> "{\"clusterName\":\"bench\"}", 1, Duration.ZERO,
          Duration.ofMillis(200));
      try (BarePeer peer = new BarePeer()) {
        ApiLoad bare = new ApiLoad(peer.endpoint(), accessKey, secretKey);
        for (int c : new int[] {1, 32}) {
          ApiLoad.Result g = gantry.run("gantry DescribeClusters (signed)", "DescribeClusters", n -> DESCRIBE, c, warmup, measure);
          ApiLoad.Result p = bare.run("peer: bare Jetty, fixed answer", "DescribeClusters", n -> DESCRIBE, c, warmup, measure);
          results.add(g);
          results.add(p);
          System.out.println(g.line());
          System.out.println(p.line());
          System.out.printf("  ratio gantry/peer at c=%d: %.2f%n", c, g.perSecond() / p.perSecond());
        }
      }
      for (int c : new int[] {1, 32}) {
        String family = "bench" + c;
        ApiLoad.Result w = gantry.run("gantry RegisterTaskDefinition", "RegisterTaskDefinition",
            n -> "{\"family\":\"" + family + "\",\"containerDefinitions\":[{\"name\":\"app\",\"image\":\"busybox\","
                + "\"memory\":64,\"environment\":[{\"name\":\"N\",\"value\":\"" + n + "\"}]}]}",
            c, warmup, measure);
        results.add(w);
        System.out.println(w.line());
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }
}
