package io.gantry.server.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.api.json.AwsJson;
import io.gantry.api.sigv4.SigV4Verifier;
import io.gantry.api.sigv4.SignableRequest;
import io.gantry.api.sigv4.VerifiedCaller;
import io.gantry.model.EcsException;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.server.auth.AgentPermissions;
import io.gantry.server.auth.KeyRing;
import io.gantry.server.auth.Principal;
import io.gantry.server.clusters.ClusterRefs;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.store.KeyValue;
import io.gantry.store.KvStore;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import io.gantry.store.Watch;
import io.gantry.store.WatchEvent;
import io.gantry.store.WatchListener;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one session per connected agent. The upgrade request is SigV4-presigned; agent
 * credentials may only hold sessions for their own cluster ({@link AgentPermissions}). On a valid
 * Hello it marks the instance connected and sends the instance's full desired task set; afterwards every stored change to a task placed on
 * the instance is pushed as an increment whose sequence number is the store revision of the
 * change. State changes from agents go to {@link AgentTasks} and are acknowledged once stored.
 * A session that stays silent for {@code missedLimit} heartbeat intervals is closed and its instance marked
 * disconnected; its containers keep running.
 *
 * <p>Threading: Jetty delivers each session's frames one at a time; store changes are pushed
 * from one {@code gantry-agent-push} thread; heartbeat checks run on a timer thread.
 */
public final class AgentGateway implements AutoCloseable {
  public static final String PATH = "/agent/v1/session";
  /** How often a replica rewrites its beacon ({@link SessionClaims}). */
  static final long BEACON_MILLIS = 2000;
  private static final Logger log = LoggerFactory.getLogger(AgentGateway.class);

  private final EntityStore store;
  private final SigV4Verifier verifier;
  private final KeyRing keys;
  private final AgentTasks tasks;
  private final Clock clock;
  private final int heartbeatSeconds;
  private final int missedLimit;
  private final Map<SessionKey, AgentSession> sessions = new ConcurrentHashMap<>();
  private final SessionClaims claims;
  private final ExecutorService pusher = Executors.newSingleThreadExecutor(r -> daemon(r, "gantry-agent-push"));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "gantry-agent-timer"));
  private volatile Watch watch;

  public AgentGateway(EntityStore store, SigV4Verifier verifier, KeyRing keys, AgentTasks tasks, Clock clock,
      int heartbeatSeconds, int missedLimit) {
    this.missedLimit = missedLimit;
    this.store = store;
    this.verifier = verifier;
    this.keys = keys;
    this.tasks = tasks;
    this.clock = clock;
    this.heartbeatSeconds = heartbeatSeconds;
    this.claims = new SessionClaims(store, UUID.randomUUID().toString(), clock);
  }

  /** Starts following task changes and checking heartbeats. */
  public void start() {
    claims.beat();
    timer.scheduleAtFixedRate(this::beat, BEACON_MILLIS, BEACON_MILLIS, TimeUnit.MILLISECONDS);
    follow();
    // checked four times per interval, so detection takes at most a quarter interval past the limit
    long check = Math.max(250, heartbeatSeconds * 1000L / 4);
    timer.scheduleAtFixedRate(this::closeSilentSessions, check, check, TimeUnit.MILLISECONDS);
  }

  /**
   * Watches task changes from the current revision. If the watch falls behind the store's
   * compaction (etcd), every session gets its full desired set again and the watch restarts.
   */
  private void follow() {
    KvStore kv = store.kv();
    watch = kv.watch("ecs/", kv.revision(), new WatchListener() {
      @Override
      public void onEvent(WatchEvent event) {
        pusher.execute(() -> onStoreChange(event));
      }

      @Override
      public void onCompacted(long compactedRevision) {
        log.warn("agent gateway missed changes up to revision {} (compacted); resending full sets", compactedRevision);
        pusher.execute(() -> {
          follow();
          sessions.values().forEach(AgentGateway.this::sendFullSet);
        });
      }
    });
  }

  /** The WebSocket endpoint factory: authenticates the upgrade request, refuses it with 403 otherwise. */
  public WebSocketCreator creator() {
    return (request, response, callback) -> {
      Map<String, List<String>> headers = new HashMap<>();
      for (HttpField field : request.getHeaders()) {
        headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>(1)).add(field.getValue());
      }
      try {
        VerifiedCaller caller = verifier.verify(new SignableRequest(request.getMethod(), request.getHttpURI().getPath(),
            request.getHttpURI().getQuery(), headers, new byte[0]));
        Scope scope = new Scope(caller.accountId(), caller.region());
        Principal principal = keys.principal(caller.accessKeyId())
            .orElseThrow(() -> new IllegalArgumentException("unknown key " + caller.accessKeyId()));
        return new AgentSession(this, scope, principal, now());
      } catch (EcsException | IllegalArgumentException e) {
        log.info("refused an agent session: {}", e.getMessage());
        response.setStatus(403);
        response.getHeaders().put("Content-Type", "text/plain");
        callback.succeeded();
        return null;
      }
    };
  }

  Instant now() {
    return clock.instant();
  }

  void onMessage(AgentSession session, AgentMessage message) {
    if (message instanceof AgentMessage.Hello hello) {
      onHello(session, hello);
    } else if (message instanceof AgentMessage.TaskStateChange change) {
      onStateChange(session, change);
    } else if (!(message instanceof AgentMessage.Heartbeat)) {
      session.send(new AgentMessage.Rejected("Agents do not send " + message.getClass().getSimpleName() + "."));
    }
  }

  private void onHello(AgentSession session, AgentMessage.Hello hello) {
    Scope scope = session.scope();
    Optional<String> cluster = ClusterRefs.name(scope, hello.cluster());
    String instanceId = hello.containerInstanceArn() == null ? ""
        : hello.containerInstanceArn().substring(hello.containerInstanceArn().lastIndexOf('/') + 1);
    if (cluster.isPresent() && !AgentPermissions.maySession(session.principal(), scope, cluster.get())) {
      session.send(new AgentMessage.Rejected("User: " + session.principal().arn()
          + " is not authorized to run an agent session for cluster " + hello.cluster() + "."));
      session.close("not authorized");
      return;
    }
    Optional<Versioned<ContainerInstance>> instance = cluster.flatMap(
        c -> store.get(StateKeys.containerInstance(scope, c, instanceId), ContainerInstance.class));
    if (instance.isEmpty() || ContainerInstance.INACTIVE.equals(instance.get().value().status())) {
      session.send(new AgentMessage.Rejected("Container instance " + hello.containerInstanceArn()
          + " is not registered in cluster " + hello.cluster() + "."));
      session.close("unknown instance");
      return;
    }
    SessionKey key = new SessionKey(scope, cluster.get(), instanceId);
    session.bind(key);
    AgentSession previous = sessions.put(key, session);
    if (previous != null && previous != session) {
      previous.close("replaced by a newer session");
    }
    session.claim = claims.claim(key);
    session.send(new AgentMessage.Welcome(instance.get().value().containerInstanceArn(), heartbeatSeconds));
    sendFullSet(session);
    log.info("agent connected: {} in cluster {} ({})", instanceId, key.cluster(), scope.region());
  }

  /**
   * Sends the session's full desired set. It goes out before any increment: an increment of a
   * change committed after the revision read here waits for this lock, and one handled before it
   * is already in the set.
   */
  private void sendFullSet(AgentSession session) {
    SessionKey key = session.key();
    synchronized (session.pushLock) {
      long seq = store.kv().revision();
      session.send(new AgentMessage.DesiredTasks(seq, true,
          tasks.assignments(key.scope(), key.cluster(), key.instanceId())));
      session.synced = true;
    }
  }

  private void onStateChange(AgentSession session, AgentMessage.TaskStateChange change) {
    SessionKey key = session.key();
    if (key == null) {
      session.send(new AgentMessage.Rejected("Say hello first."));
      return;
    }
    tasks.apply(key.scope(), key.cluster(), key.instanceId(), change, now());
    session.send(new AgentMessage.Ack(change.id()));
  }

  void onClosed(AgentSession session) {
    SessionKey key = session.key();
    if (key != null && sessions.remove(key, session)) {
      claims.release(key, session.claim);
      log.info("agent disconnected: {} in cluster {}", key.instanceId(), key.cluster());
    }
  }

  private void onStoreChange(WatchEvent event) {
    String key = event.kv().key();
    if (event.type() == WatchEvent.Type.DELETE) {
      SessionKey.ofClaimKey(key).map(sessions::get).ifPresent(this::reclaim);
      return;
    }
    Optional<String[]> parts = SessionKey.parseTaskKey(key);
    if (parts.isEmpty() || event.type() != WatchEvent.Type.PUT || sessions.isEmpty()) {
      return;
    }
    String[] p = parts.get();
    SessionKey target;
    try {
      JsonNode stored = AwsJson.mapper().readTree(event.kv().value());
      target = SessionKey.ofTask(p, stored.path("containerInstanceId").asText(""),
          stored.path("managedInstanceArn").asText(""));
    } catch (IOException e) {
      return;
    }
    Scope scope = new Scope(p[1], p[2]);
    AgentSession session = target == null ? null : sessions.get(target);
    if (session == null) {
      return;
    }
    synchronized (session.pushLock) {
      if (!session.synced) {
        return; // the full set, sent next, is read after this change and contains it
      }
      Optional<TaskAssignment> changed = tasks.assignment(scope, p[4], p[5]);
      changed.ifPresent(a -> session.send(new AgentMessage.DesiredTasks(event.kv().modRevision(), false, List.of(a))));
    }
  }

  /**
   * A live session's claim was deleted by someone else (the leader took this replica for dead
   * while its beacon was late): claims the instance again, so it does not stay disconnected.
   */
  private void reclaim(AgentSession session) {
    timer.execute(() -> {
      SessionKey key = session.key();
      if (key != null && sessions.get(key) == session) {
        log.warn("the session record of agent {} was released by another replica; claiming it again", key);
        session.claim = claims.claim(key);
      }
    });
  }

  private void beat() {
    try {
      claims.beat();
    } catch (RuntimeException e) {
      log.warn("could not renew this replica's beacon", e);
    }
  }

  private void closeSilentSessions() {
    Instant deadline = now().minus(Duration.ofSeconds((long) missedLimit * heartbeatSeconds));
    for (AgentSession session : sessions.values()) {
      if (session.lastHeard().isBefore(deadline)) {
        log.info("agent {} missed its heartbeats; closing its session", session.key());
        session.close("heartbeat timeout");
        onClosed(session);
      }
    }
  }

  /** Whether an agent session is open for this instance (for tests and admin views). */
  public boolean connected(Scope scope, String cluster, String instanceId) {
    return sessions.containsKey(new SessionKey(scope, cluster, instanceId));
  }

  @Override
  public void close() {
    if (watch != null) {
      watch.close();
    }
    timer.shutdownNow();
    pusher.shutdownNow();
    sessions.values().forEach(s -> s.close("server stopping"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
