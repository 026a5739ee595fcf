package io.gantry.server;

import io.gantry.api.sigv4.SigV4Verifier;
import io.gantry.model.Scope;
import io.gantry.server.auth.AccessKey;
import io.gantry.server.auth.AgentKey;
import io.gantry.server.auth.CredentialsFile;
import io.gantry.server.auth.KeyRing;
import io.gantry.server.agents.AgentGateway;
import io.gantry.server.agents.OrphanedSessions;
import io.gantry.server.attributes.AttributeHandler;
import io.gantry.server.capacity.CapacityHook;
import io.gantry.server.capacity.CapacityProviderHandler;
import io.gantry.server.capacity.ScalingController;
import io.gantry.server.clusters.ClusterHandler;
import io.gantry.server.instances.ContainerInstanceHandler;
import io.gantry.server.dispatch.EcsDispatcher;
import io.gantry.server.dispatch.EcsHandler;
import io.gantry.server.dispatch.InputValidator;
import io.gantry.server.dispatch.ModelInputValidator;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.http.EcsHttpHandler;
import io.gantry.server.ha.EtcdReplicaLeadership;
import io.gantry.server.ha.FencedKvStore;
import io.gantry.server.ha.LeaderForwarder;
import io.gantry.server.ha.LeaderRole;
import io.gantry.server.ha.Leadership;
import io.gantry.server.ha.SoloLeadership;
import io.gantry.server.join.JoinExchange;
import io.gantry.server.join.JoinTokenHandler;
import io.gantry.server.settings.AccountSettingHandler;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.services.ServiceController;
import io.gantry.server.services.ServiceHandler;
import io.gantry.server.state.EntityStore;
import io.gantry.server.tags.TagHandler;
import io.gantry.server.tags.TagStore;
import io.gantry.server.tasks.ServiceTasks;
import io.gantry.server.tasks.TaskHandler;
import io.gantry.server.tasks.CapacityWaitController;
import io.gantry.server.tasks.SpotWaitController;
import io.gantry.server.tasks.StoppedTaskReaper;
import io.gantry.server.network.TaskNetworking;
import io.gantry.server.tasks.TaskStateService;
import io.gantry.server.taskdefs.TaskDefinitionHandler;
import io.gantry.store.KvStore;
import io.gantry.store.embedded.EmbeddedKvStore;
import io.gantry.store.etcd.EtcdKvStore;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane process: opens the store, loads the access keys, wires the handlers and
 * serves the ECS API over HTTP until {@link #close()}. Start and close from one thread; the
 * running server serves requests on Jetty's thread pool.
 */
public final class GantryServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GantryServer.class);
  private final ServerConfig config;
  private final KvStore kv;
  private final Server jetty;
  private final AgentGateway gateway;
  private final Leadership leadership;
  private final LeaderRole leaderRole;
  private final KeyRing keyRing;
  private final Clock clock;
  private final List<AccessKey> keys;
  private final boolean credentialsCreated;
  private final PlacementState placement;
  /** How often managed scaling looks at capacity providers, and the least time between two hook calls for one. */
  static final Duration SCALING_INTERVAL = Duration.ofSeconds(5);
  static final Duration SCALING_COOLDOWN = Duration.ofSeconds(30);
  /** A replica whose beacon has not changed for this long is gone: the leader releases its agents' sessions. */
  static final Duration ORPHANED_AFTER = Duration.ofSeconds(15);

  private GantryServer(ServerConfig config, KvStore kv, Server jetty, AgentGateway gateway, Leadership leadership,
      LeaderRole leaderRole, PlacementState placement, KeyRing keyRing, Clock clock, List<AccessKey> keys,
      boolean created) {
    this.config = config;
    this.leadership = leadership;
    this.leaderRole = leaderRole;
    this.placement = placement;
    this.kv = kv;
    this.jetty = jetty;
    this.gateway = gateway;
    this.keyRing = keyRing;
    this.clock = clock;
    this.keys = keys;
    this.credentialsCreated = created;
  }

  /** Starts a server with {@code config}; the access key pair from {@code env} is used when set. */
  public static GantryServer start(ServerConfig config, Map<String, String> env, Clock clock) throws Exception {
    AccessKey preset = presetKey(env, config.accountId());
    CredentialsFile.Loaded loaded = CredentialsFile.loadOrCreate(
        config.credentialsFile(), config.accountId(), preset, CredentialsFile.secureRandom());
    KvStore kv = ServerConfig.ETCD.equals(config.store()) ? EtcdKvStore.connect(config.etcdEndpoints())
        : EmbeddedKvStore.open(config.storeDir());
    FailureSettings failure = config.failure();
    Leadership leadership = kv instanceof EtcdKvStore etcd
        ? new EtcdReplicaLeadership(etcd, failure.leaderLease()) : new SoloLeadership();
    try {
      EntityStore store = new EntityStore(kv);
      // what the leader's controllers and plan applier write through: fenced by its leadership
      EntityStore leaderStore = new EntityStore(new FencedKvStore(kv, leadership));
      KeyRing keys = new KeyRing(loaded.keys(), store, CredentialsFile.secureRandom());
      TagStore tags = new TagStore(store);
      PlacementState placement = TaskStateService.placementState(store); // loaded once the API listens
      TaskNetworking networking = new TaskNetworking(store, placement, config.subnetCatalog());
      OperationRegistry registry = new OperationRegistry();
      for (EcsHandler handler : List.of(
          new ClusterHandler(store, tags, placement),
          new CapacityProviderHandler(store, tags),
          new TaskDefinitionHandler(store, tags, config.maxEphemeralStorageGiB()),
          new TagHandler(store, tags),
          new ContainerInstanceHandler(store, tags, placement, config.accountId()),
          new AttributeHandler(store),
          new TaskHandler(store, leaderStore, tags, placement, new SecureRandom(), networking),
          new ServiceHandler(store, tags, new SecureRandom(), networking),
          new AccountSettingHandler(store),
          new JoinTokenHandler(store, CredentialsFile.secureRandom()))) {
        handler.register(registry);
      }
      EcsDispatcher dispatcher = new EcsDispatcher(registry, inputValidator());
      SigV4Verifier verifier = new SigV4Verifier(keys, "ecs", clock, Duration.ofMinutes(5));
      AgentGateway gateway = new AgentGateway(store, verifier, keys,
          new TaskStateService(store, placement, (int) config.spotWarning().toSeconds()), clock,
          (int) failure.heartbeatInterval().toSeconds(), failure.heartbeatMissedLimit());
      LeaderForwarder forwarder = new LeaderForwarder(leadership, keys, clock, Duration.ofSeconds(20));
      Server jetty = jetty(config,
          new EcsHttpHandler(dispatcher, verifier, keys, new JoinExchange(store, keys, clock), clock, forwarder),
          gateway);
      jetty.start();
      // loads on its own thread, after the listener is up: the API answers what needs no placement
      // while a large store loads; what needs the ledgers waits for it
      placement.startInBackground();
      gateway.start();
      LeaderRole leaderRole = new LeaderRole(leadership, () -> leaderParts(config, leaderStore, tags, placement, networking, clock));
      GantryServer server = new GantryServer(config, kv, jetty, gateway, leadership, leaderRole, placement, keys, clock,
          loaded.keys(), loaded.created());
      if (leadership instanceof EtcdReplicaLeadership etcd) {
        URI advertised = failure.advertiseUrl() != null ? failure.advertiseUrl() : URI.create(server.endpoint());
        etcd.campaign(advertised);
        log.info("campaigning for leadership as {}", advertised);
      }
      leaderRole.startInBackground(Duration.ofMillis(250));
      log.info("Gantry control plane listening on {} (data: {}, credentials: {})",
          server.endpoint(), config.dataDir(), config.credentialsFile());
      return server;
    } catch (Exception e) {
      leadership.close();
      kv.close();
      throw e;
    }
  }

  /**
   * What only the leader runs: the service controller (with lost-task handling), the reaper, the
   * Spot-wait controller (sends a waiting FARGATE task once its Spot victims stopped), the sweep of
   * agent sessions held by replicas that are gone ({@link OrphanedSessions}), the
   * capacity-wait controller (places tasks waiting in PROVISIONING for a provider's capacity) and managed
   * scaling, on the fenced store.
   */
  private static List<AutoCloseable> leaderParts(ServerConfig config, EntityStore leaderStore, TagStore tags,
      PlacementState placement, TaskNetworking networking, Clock clock) {
    StoppedTaskReaper reaper = new StoppedTaskReaper(leaderStore, clock, StoppedTaskReaper.DEFAULT_RETENTION);
    reaper.start(Duration.ofMinutes(1));
    ServiceController services = new ServiceController(leaderStore, tags,
        new ServiceTasks(leaderStore, tags, placement, new SecureRandom(), networking), clock, new SecureRandom(),
        ServiceController.Settings.defaults().withLostTaskGrace(config.lostTaskGrace())
            .withMassDisconnectPercent(config.failure().massDisconnectPercent())
            .withLostInstanceInterval(config.failure().lostInstanceInterval())).start();
    SpotWaitController spotWaits = new SpotWaitController(leaderStore, clock,
        SpotWaitController.DEFAULT_DISCONNECT_GRACE).start(Duration.ofMillis(500));
    CapacityWaitController capacityWaits = new CapacityWaitController(leaderStore, placement, clock)
        .start(Duration.ofSeconds(2));
    OrphanedSessions orphans = new OrphanedSessions(leaderStore, clock, ORPHANED_AFTER).start(Duration.ofSeconds(2));
    if (config.capacityHook() == null) {
      return List.of(services, spotWaits, capacityWaits, reaper, orphans);
    }
    ScalingController scaling = new ScalingController(leaderStore, placement,
        new CapacityHook(config.capacityHook(), Duration.ofMinutes(1)), clock, SCALING_COOLDOWN)
        .start(SCALING_INTERVAL);
    return List.of(services, spotWaits, capacityWaits, reaper, orphans, scaling);
  }

  private static InputValidator inputValidator() {
    return new ModelInputValidator();
  }

  private static AccessKey presetKey(Map<String, String> env, String accountId) {
    String id = env.get("GANTRY_ACCESS_KEY_ID");
    String secret = env.get("GANTRY_SECRET_ACCESS_KEY");
    if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
      return null;
    }
    return new AccessKey("default", id.strip(), secret.strip(), accountId);
  }

  private static Server jetty(ServerConfig config, EcsHttpHandler handler, AgentGateway gateway) {
    QueuedThreadPool pool = new QueuedThreadPool(64, 8);
    pool.setName("gantry-http");
    Server server = new Server(pool);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(true);
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(config.bind());
    connector.setPort(config.port());
    connector.setIdleTimeout(Duration.ofMinutes(2).toMillis());
    server.addConnector(connector);
    WebSocketUpgradeHandler websockets = WebSocketUpgradeHandler.from(server, container -> {
      container.setIdleTimeout(config.failure().silenceLimit().plusSeconds(30));
      container.setMaxTextMessageSize(16L * 1024 * 1024);
      container.addMapping(AgentGateway.PATH, gateway.creator());
    });
    websockets.setHandler(handler);
    server.setHandler(websockets);
    server.setStopTimeout(5_000);
    return server;
  }

  /** The base URL clients use, e.g. {@code http://127.0.0.1:8080}. */
  public String endpoint() {
    ServerConnector connector = (ServerConnector) jetty.getConnectors()[0];
    String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
    if ("0.0.0.0".equals(config.bind())) {
      host = "127.0.0.1";
    }
    return "http://" + host + ":" + connector.getLocalPort();
  }

  public ServerConfig config() {
    return config;
  }

  /** The store, for tests and tools that observe every committed change (simulation invariants). */
  public KvStore store() {
    return kv;
  }

  public List<AccessKey> keys() {
    return keys;
  }

  /**
   * Issues agent credentials for an agent in this process ({@code gantry up}): bound to
   * {@code accountId}, {@code region} and {@code cluster}, without a join token.
   */
  public AgentKey issueAgentKey(String accountId, String region, String cluster) {
    return keyRing.issue(new Scope(accountId, region), cluster, null, clock.instant());
  }

  /** The issued agent key {@code accessKeyId}, if this server knows it. */
  public Optional<AgentKey> agentKey(String accessKeyId) {
    return keyRing.agentKey(accessKeyId);
  }

  /** Whether this start created the credentials file (first start). */
  public boolean credentialsCreated() {
    return credentialsCreated;
  }

  /** Whether this replica leads now (runs the controllers and the plan applier). */
  public boolean leading() {
    return leaderRole.leading();
  }

  public void join() throws InterruptedException {
    jetty.join();
  }

  /** Stops accepting requests, lets running ones finish, then closes the store. Idempotent. */
  @Override
  public void close() {
    try {
      leaderRole.close();
      leadership.close();
      gateway.close();
      jetty.stop();
      placement.close();
    } catch (Exception e) {
      log.warn("error while stopping the HTTP server", e);
    } finally {
      kv.close();
    }
  }

}
