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
    return config.withEnvironment(env).with(bind, port, dataDir, accountId).withStore(store, etcdEndpoints)
        .withSubnets(subnets, subnetPool);
  }
}
