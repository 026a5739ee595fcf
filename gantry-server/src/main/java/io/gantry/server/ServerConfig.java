package io.gantry.server;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import io.gantry.server.network.Ipv4Cidr;
import io.gantry.server.network.Subnet;
import io.gantry.server.network.SubnetCatalog;

/**
 * The control plane's configuration, read once at start-up: defaults in code, then a properties
 * file, then environment variables, then command-line flags, each layer overriding the last.
 *
 * @param bind address to listen on
 * @param port HTTP port (0 picks a free one)
 * @param dataDir where the store and the credentials file live
 * @param accountId the account that keys without {@code aws_account_id} belong to
 * @param store where state lives: {@code embedded} (SQLite under the data dir) or {@code etcd}
 * @param etcdEndpoints the etcd members' client URLs when {@code store} is {@code etcd}
 * @param lostTaskGrace how long an instance's agent may stay disconnected before the service
 *     scheduler gives its tasks up as lost and replaces them elsewhere
 * @param subnets the configured subnets awsvpc tasks may use ({@code subnets}: {@code
 *     subnet-abc=10.202.0.0/24@us-east-1a,…}), beside each zone's default subnet
 * @param subnetPool where each zone's default /24 subnet comes from ({@code subnet-pool}, default
 *     10.201.0.0/16)
 * @param capacityHook the shell command managed scaling runs when a capacity provider's
 *     reservation leaves its target (null: managed scaling only computes the metric)
 * @param failure heartbeats, leadership among replicas and mass-disconnect protection
 * @param spotWarning the Fargate Spot warning: how long an interrupted FARGATE_SPOT task has
 *     between SIGTERM and SIGKILL (ECS: two minutes)
 * @param maxEphemeralStorageGiB the most ephemeral storage a task definition may ask for (ECS:
 *     200 GiB; owned hardware may allow more, never less)
 */
public record ServerConfig(String bind, int port, Path dataDir, String accountId, String store,
    List<URI> etcdEndpoints, Duration lostTaskGrace, List<Subnet> subnets, Ipv4Cidr subnetPool, String capacityHook,
    FailureSettings failure, Duration spotWarning, int maxEphemeralStorageGiB) {
  public static final String DEFAULT_ACCOUNT = "000000000000";
  public static final String EMBEDDED = "embedded";
  public static final String ETCD = "etcd";
  public static final Duration DEFAULT_LOST_TASK_GRACE = Duration.ofMinutes(3);
  public static final Duration DEFAULT_SPOT_WARNING = Duration.ofSeconds(120);
  public static final int DEFAULT_MAX_EPHEMERAL_GIB = 200;

  public ServerConfig {
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("bind address must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
    if (accountId == null || !accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("account id must be 12 digits: " + accountId);
    }
    dataDir = dataDir.toAbsolutePath().normalize();
    if (!EMBEDDED.equals(store) && !ETCD.equals(store)) {
      throw new IllegalArgumentException("store must be embedded or etcd: " + store);
    }
    etcdEndpoints = List.copyOf(etcdEndpoints);
    if (ETCD.equals(store) && etcdEndpoints.isEmpty()) {
      throw new IllegalArgumentException("the etcd store needs --etcd-endpoints (e.g. http://127.0.0.1:2379)");
    }
    if (lostTaskGrace == null || lostTaskGrace.isNegative()) {
      throw new IllegalArgumentException("lost-task grace must not be negative: " + lostTaskGrace);
    }
    subnets = subnets == null ? List.of() : List.copyOf(subnets);
    subnetPool = subnetPool == null ? SubnetCatalog.DEFAULT_POOL : subnetPool;
    new SubnetCatalog(subnets, subnetPool); // checks overlaps and the pool's size
    if (failure == null) {
      throw new IllegalArgumentException("failure settings are required");
    }
    if (spotWarning == null || spotWarning.isNegative()) {
      throw new IllegalArgumentException("spot warning must not be negative: " + spotWarning);
    }
    if (maxEphemeralStorageGiB < DEFAULT_MAX_EPHEMERAL_GIB) {
      throw new IllegalArgumentException("max-ephemeral-storage-gib must be at least " + DEFAULT_MAX_EPHEMERAL_GIB
          + ": " + maxEphemeralStorageGiB);
    }
  }

  public ServerConfig(String bind, int port, Path dataDir, String accountId, String store, List<URI> etcdEndpoints,
      Duration lostTaskGrace) {
    this(bind, port, dataDir, accountId, store, etcdEndpoints, lostTaskGrace, List.of(), SubnetCatalog.DEFAULT_POOL,
        null, FailureSettings.DEFAULTS, DEFAULT_SPOT_WARNING, DEFAULT_MAX_EPHEMERAL_GIB);
  }

  /** The subnets awsvpc tasks may name: the configured ones and the default pool. */
  public SubnetCatalog subnetCatalog() {
    return new SubnetCatalog(subnets, subnetPool);
  }

  /** This configuration with the subnets ({@code subnet-ID=CIDR@ZONE,…}) and the default pool replaced when given. */
  public ServerConfig withSubnets(String newSubnets, String newPool) {
    List<Subnet> list = blank(newSubnets) ? subnets : SubnetCatalog.parseList(newSubnets);
    Ipv4Cidr pool = blank(newPool) ? subnetPool : Ipv4Cidr.parse(newPool.strip());
    return new ServerConfig(bind, port, dataDir, accountId, store, etcdEndpoints, lostTaskGrace, list, pool,
        capacityHook, failure, spotWarning, maxEphemeralStorageGiB);
  }

  public static ServerConfig defaults() {
    return new ServerConfig("127.0.0.1", 8080, Path.of(".gantry"), DEFAULT_ACCOUNT, EMBEDDED, List.of(),
        DEFAULT_LOST_TASK_GRACE);
  }

  public Path credentialsFile() {
    return dataDir.resolve("credentials");
  }

  public Path storeDir() {
    return dataDir.resolve("store");
  }

  /**
   * This configuration with values from a properties file ({@code bind}, {@code port}, {@code
   * data-dir}, {@code account-id}, {@code store}, {@code etcd-endpoints}, {@code
   * lost-task-grace-seconds}, {@code subnets}, {@code subnet-pool}, {@code capacity-hook}, {@code
   * spot-warning-seconds}, {@code max-ephemeral-storage-gib}, and the {@link FailureSettings} keys).
   */
  public ServerConfig withFile(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return with(p.getProperty("bind"), p.getProperty("port"), p.getProperty("data-dir"), p.getProperty("account-id"))
        .withStore(p.getProperty("store"), p.getProperty("etcd-endpoints"))
        .withLostTaskGrace(p.getProperty("lost-task-grace-seconds"))
        .withSubnets(p.getProperty("subnets"), p.getProperty("subnet-pool"))
        .withCapacityHook(p.getProperty("capacity-hook"))
        .withSpotWarning(p.getProperty("spot-warning-seconds"))
        .withMaxEphemeralStorage(p.getProperty("max-ephemeral-storage-gib"))
        .withFailure(failure.with(p));
  }

  /**
   * This configuration with {@code GANTRY_BIND}, {@code GANTRY_PORT}, {@code GANTRY_DATA_DIR},
   * {@code GANTRY_ACCOUNT_ID}, {@code GANTRY_STORE}, {@code GANTRY_ETCD_ENDPOINTS}, {@code
   * GANTRY_LOST_TASK_GRACE_SECONDS}, {@code GANTRY_SUBNETS}, {@code GANTRY_SUBNET_POOL}, {@code
   * GANTRY_CAPACITY_HOOK}, {@code GANTRY_SPOT_WARNING_SECONDS}, {@code GANTRY_MAX_EPHEMERAL_STORAGE_GIB},
   * and {@code GANTRY_} + the {@link FailureSettings} keys upper-cased with underscores (e.g. {@code
   * GANTRY_HEARTBEAT_INTERVAL_SECONDS}).
   */
  public ServerConfig withEnvironment(Map<String, String> env) {
    return with(env.get("GANTRY_BIND"), env.get("GANTRY_PORT"), env.get("GANTRY_DATA_DIR"), env.get("GANTRY_ACCOUNT_ID"))
        .withStore(env.get("GANTRY_STORE"), env.get("GANTRY_ETCD_ENDPOINTS"))
        .withLostTaskGrace(env.get("GANTRY_LOST_TASK_GRACE_SECONDS"))
        .withSubnets(env.get("GANTRY_SUBNETS"), env.get("GANTRY_SUBNET_POOL"))
        .withCapacityHook(env.get("GANTRY_CAPACITY_HOOK"))
        .withSpotWarning(env.get("GANTRY_SPOT_WARNING_SECONDS"))
        .withMaxEphemeralStorage(env.get("GANTRY_MAX_EPHEMERAL_STORAGE_GIB"))
        .withFailure(failure.with(k -> env.get("GANTRY_" + k.toUpperCase(java.util.Locale.ROOT).replace('-', '_'))));
  }

  public ServerConfig withFailure(FailureSettings settings) {
    return new ServerConfig(bind, port, dataDir, accountId, store, etcdEndpoints, lostTaskGrace, subnets, subnetPool,
        capacityHook, settings, spotWarning, maxEphemeralStorageGiB);
  }

  /** This configuration with the store kind and the comma-separated etcd endpoints replaced when given. */
  public ServerConfig withStore(String newStore, String newEndpoints) {
    List<URI> endpoints = etcdEndpoints;
    if (!blank(newEndpoints)) {
      endpoints = new ArrayList<>();
      for (String e : newEndpoints.split(",")) {
        if (!e.isBlank()) {
          URI uri = URI.create(e.strip());
          if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("an etcd endpoint must look like http://HOST:PORT: " + e.strip());
          }
          endpoints.add(uri);
        }
      }
    }
    String kind = blank(newStore) ? store : newStore.strip();
    return new ServerConfig(bind, port, dataDir, accountId, kind, endpoints, lostTaskGrace, subnets, subnetPool,
        capacityHook, failure, spotWarning, maxEphemeralStorageGiB);
  }

  public ServerConfig withLostTaskGrace(Duration grace) {
    return new ServerConfig(bind, port, dataDir, accountId, store, etcdEndpoints, grace, subnets, subnetPool,
        capacityHook, failure, spotWarning, maxEphemeralStorageGiB);
  }

  /** This configuration with the capacity hook command replaced when given. */
  public ServerConfig withCapacityHook(String command) {
    return blank(command) ? this : new ServerConfig(bind, port, dataDir, accountId, store, etcdEndpoints,
        lostTaskGrace, subnets, subnetPool, command.strip(), failure, spotWarning, maxEphemeralStorageGiB);
  }

  public ServerConfig withSpotWarning(Duration warning) {
    return new ServerConfig(bind, port, dataDir, accountId, store, etcdEndpoints, lostTaskGrace, subnets, subnetPool,
        capacityHook, failure, warning, maxEphemeralStorageGiB);
  }

  private ServerConfig withSpotWarning(String seconds) {
    if (blank(seconds)) {
      return this;
    }
    try {
      return withSpotWarning(Duration.ofSeconds(Long.parseLong(seconds.strip())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("spot warning must be a number of seconds: " + seconds);
    }
  }

  private ServerConfig withMaxEphemeralStorage(String gib) {
    if (blank(gib)) {
      return this;
    }
    try {
      return new ServerConfig(bind, port, dataDir, accountId, store, etcdEndpoints, lostTaskGrace, subnets,
          subnetPool, capacityHook, failure, spotWarning, Integer.parseInt(gib.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("max-ephemeral-storage-gib must be a number: " + gib);
    }
  }

  private ServerConfig withLostTaskGrace(String seconds) {
    if (blank(seconds)) {
      return this;
    }
    try {
      return withLostTaskGrace(Duration.ofSeconds(Long.parseLong(seconds.strip())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("lost-task grace must be a number of seconds: " + seconds);
    }
  }

  /** This configuration with each non-null value replaced. */
  public ServerConfig with(String newBind, String newPort, String newDataDir, String newAccountId) {
    int p = port;
    if (newPort != null && !newPort.isBlank()) {
      try {
        p = Integer.parseInt(newPort.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("port must be a number: " + newPort);
      }
    }
    return new ServerConfig(
        blank(newBind) ? bind : newBind.strip(),
        p,
        blank(newDataDir) ? dataDir : Path.of(newDataDir.strip()),
        blank(newAccountId) ? accountId : newAccountId.strip(), store, etcdEndpoints, lostTaskGrace, subnets,
        subnetPool, capacityHook, failure, spotWarning, maxEphemeralStorageGiB);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
