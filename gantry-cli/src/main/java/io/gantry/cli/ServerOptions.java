package io.gantry.cli;

import io.gantry.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The control-plane flags shared by {@code gantry server} and {@code gantry up}. */
final class ServerOptions {
  @Option(names = "--bind", description = "Address to listen on (default 127.0.0.1; env GANTRY_BIND).")
  String bind;

  @Option(names = "--port", description = "HTTP port (default 8080; env GANTRY_PORT).")
  String port;

  @Option(names = "--data-dir", description = "Where state and credentials live (default ./.gantry; env GANTRY_DATA_DIR).")
  String dataDir;

  @Option(names = "--account-id", description = "Account of keys that name none (default 000000000000; env GANTRY_ACCOUNT_ID).")
  String accountId;

  @Option(names = "--store", description = "Where state lives: embedded (default; SQLite under the data dir) or etcd (env GANTRY_STORE).")
  String store;

  @Option(names = "--etcd-endpoints", description = "Comma-separated etcd client URLs for --store etcd, e.g. http://10.0.0.1:2379,http://10.0.0.2:2379 (env GANTRY_ETCD_ENDPOINTS).")
  String etcdEndpoints;

  @Option(names = "--advertise-url", description = "URL other control-plane replicas reach this one at (default: the listening address; env GANTRY_ADVERTISE_URL).")
  String advertiseUrl;

  @Option(names = "--heartbeat-interval-seconds", description = "How often agents send heartbeats (default 3; env GANTRY_HEARTBEAT_INTERVAL_SECONDS).")
  String heartbeatInterval;

  @Option(names = "--heartbeat-missed-limit", description = "Missed heartbeats before an agent counts as disconnected (default 3; env GANTRY_HEARTBEAT_MISSED_LIMIT).")
  String heartbeatMissedLimit;

  @Option(names = "--leader-lease-seconds", description = "Leader lease on etcd; a dead leader is replaced within about this long (default 6; env GANTRY_LEADER_LEASE_SECONDS).")
  String leaderLease;

  @Option(names = "--mass-disconnect-percent", description = "Above this share of disconnected instances in a cluster, lost tasks are not replaced (default 55; 100 = off; env GANTRY_MASS_DISCONNECT_PERCENT).")
  String massDisconnectPercent;

  @Option(names = "--subnets", description = "Subnets for awsvpc tasks besides each zone's default, e.g. subnet-abc=10.202.0.0/24@us-east-1a,… (env GANTRY_SUBNETS).")
  String subnets;

  @Option(names = "--subnet-pool", description = "Where each zone's default /24 subnet comes from (default 10.201.0.0/16; env GANTRY_SUBNET_POOL).")
  String subnetPool;

  @Option(names = "--config", description = "A properties file with bind, port, data-dir, account-id, store, etcd-endpoints, subnets, subnet-pool (env GANTRY_CONFIG).")
  Path configFile;

  /** Defaults < file < environment < flags. */
  ServerConfig resolve(Map<String, String> env) throws IOException {
    ServerConfig config = ServerConfig.defaults();
    Path file = configFile != null ? configFile : env.containsKey("GANTRY_CONFIG") ? Path.of(env.get("GANTRY_CONFIG")) : null;
    if (file != null) {
      config = config.withFile(file);
    }
    config = config.withEnvironment(env).with(bind, port, dataDir, accountId).withStore(store, etcdEndpoints)
        .withSubnets(subnets, subnetPool);
    java.util.Map<String, String> flags = new java.util.HashMap<>();
    flags.put("advertise-url", advertiseUrl);
    flags.put("heartbeat-interval-seconds", heartbeatInterval);
    flags.put("heartbeat-missed-limit", heartbeatMissedLimit);
    flags.put("leader-lease-seconds", leaderLease);
    flags.put("mass-disconnect-percent", massDisconnectPercent);
    return config.withFailure(config.failure().with(flags::get));
  }
}
