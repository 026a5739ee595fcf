package io.gantry.agent.session;

import io.gantry.api.agent.AgentMessage;
import io.gantry.api.json.AwsJson;
import io.gantry.api.sigv4.SigV4Signer;
import io.gantry.api.sigv4.SignableRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one long-lived session with the control plane. Dials out (so it works from behind
 * NAT), authenticates with a SigV4-presigned upgrade request, says Hello, hands desired tasks to
 * the engine and sends the engine's state changes, resending those not yet acknowledged after a
 * reconnect. Keeps heartbeats at the interval the control plane asks for. Reconnects with
 * exponential back-off and jitter; while disconnected the agent's containers keep running.
 *
 * <p>Threading: one scheduler thread ({@code gantry-session}) connects, sends heartbeats and
 * reconnects; received messages are handled on the JDK WebSocket's thread, one at a time;
 * {@link #report} may be called from any thread.
 */
public final class SessionClient implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SessionClient.class);
  private static final Duration MIN_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final List<URI> endpoints;
  private volatile int current; // index into endpoints, moved on by the session thread
  private final SigV4Signer signer;
  private final String cluster;
  private final String containerInstanceArn;
  private final String agentVersion;
  private final DesiredTasksHandler handler;
  private final RandomGenerator random;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ScheduledExecutorService scheduler;
  private final Map<Long, AgentMessage.TaskStateChange> unacknowledged = new ConcurrentSkipListMap<>();
  private final AtomicLong failures = new AtomicLong();
  private volatile WebSocket socket;
  private volatile boolean welcomed;
  private volatile boolean closed;
  private ScheduledFuture<?> heartbeat;
  private final Object sendLock = new Object();

  public SessionClient(URI endpoint, AgentCredentials credentials, String region, Clock clock, String cluster,
      String containerInstanceArn, String agentVersion, DesiredTasksHandler handler, RandomGenerator random) {
    this(List.of(endpoint), credentials, region, clock, cluster, containerInstanceArn, agentVersion, handler, random);
  }

  /**
   * With several control-plane replicas: the session starts with the first and, whenever it ends
   * or cannot be opened, tries the next one (round robin).
   */
  public SessionClient(List<URI> endpoints, AgentCredentials credentials, String region, Clock clock, String cluster,
      String containerInstanceArn, String agentVersion, DesiredTasksHandler handler, RandomGenerator random) {
    this.endpoints = List.copyOf(endpoints);
    this.signer = new SigV4Signer(credentials.accessKeyId(), credentials.secretAccessKey(), region, "ecs", clock);
    this.cluster = cluster;
    this.containerInstanceArn = containerInstanceArn;
    this.agentVersion = agentVersion;
    this.handler = handler;
    this.random = random;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gantry-session");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts connecting in the background. */
  public void start() {
    scheduler.execute(this::connect);
  }

  /** Whether the session is up and the control plane has welcomed this agent. */
  public boolean connected() {
    return welcomed && socket != null && !socket.isOutputClosed();
  }

  /**
   * Queues a state change and returns at once; it is sent from the session thread now if the
   * session is up, else after the next connect, and again after every reconnect until acknowledged.
   */
  public void report(AgentMessage.TaskStateChange change) {
    unacknowledged.put(change.id(), change);
    if (welcomed && !closed) {
      scheduler.execute(() -> {
        if (unacknowledged.containsKey(change.id())) {
          send(change);
        }
      });
    }
  }

  private void connect() {
    if (closed) {
      return;
    }
    welcomed = false;
    URI endpoint = endpoints.get(current);
    URI wsUri = sessionUri(endpoint);
    http.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(wsUri, new Listener())
        .whenComplete((ws, failure) -> {
          if (failure != null) {
            log.info("cannot reach the control plane at {}: {}", endpoint, rootMessage(failure));
            reconnectLater();
          } else {
            socket = ws;
            send(new AgentMessage.Hello(cluster, containerInstanceArn, agentVersion, handler.lastAppliedSeq()));
          }
        });
  }

  private URI sessionUri(URI endpoint) {
    String host = endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
    SignableRequest presigned = signer.presign(SignableRequest.of("GET", "/agent/v1/session", new byte[0], "host", host), 300);
    String scheme = "https".equals(endpoint.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + "://" + host + presigned.rawPath() + "?" + presigned.rawQuery());
  }

  private void reconnectLater() {
    if (closed) {
      return;
    }
    current = (current + 1) % endpoints.size();
    long attempt = failures.incrementAndGet();
    long max = Math.min(MAX_BACKOFF.toMillis(), MIN_BACKOFF.toMillis() << Math.min(attempt, 10));
    long delay = max / 2 + random.nextLong(max / 2 + 1); // "equal jitter"
    scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  private void onMessage(AgentMessage message) {
    if (message instanceof AgentMessage.Welcome welcome) {
      welcomed = true;
      failures.set(0);
      startHeartbeats(Math.max(1, welcome.heartbeatSeconds()));
      unacknowledged.values().forEach(this::send);
      log.info("session with the control plane is up ({})", welcome.containerInstanceArn());
    } else if (message instanceof AgentMessage.DesiredTasks desired) {
      handler.apply(desired);
    } else if (message instanceof AgentMessage.Ack ack) {
      unacknowledged.remove(ack.id());
    } else if (message instanceof AgentMessage.Rejected rejected) {
      log.warn("the control plane refused this agent: {}", rejected.reason());
    }
  }

  private synchronized void startHeartbeats(int seconds) {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    heartbeat = scheduler.scheduleAtFixedRate(
        () -> send(new AgentMessage.Heartbeat(java.time.Instant.now())), seconds, seconds, TimeUnit.SECONDS);
  }

  private void send(AgentMessage message) {
    WebSocket ws = socket;
    if (ws == null || ws.isOutputClosed()) {
      return;
    }
    synchronized (sendLock) {
      try {
        ws.sendText(AwsJson.mapper().writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        log.debug("send failed: {}", e.toString());
        ws.abort();
      }
    }
  }

  private void onDisconnected(String why) {
    if (socket == null) {
      return;
    }
    socket = null;
    welcomed = false;
    log.info("session with the control plane ended ({}); reconnecting", why);
    reconnectLater();
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.toString();
  }

  @Override
  public void close() {
    closed = true;
    WebSocket ws = socket;
    if (ws != null) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping");
    }
    scheduler.shutdownNow();
  }

  /** Assembles text frames into messages and hands them over in order. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          onMessage(AwsJson.mapper().readValue(text, AgentMessage.class));
        } catch (Exception e) {
          log.warn("bad message from the control plane: {}", e.toString());
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      onDisconnected("closed: " + statusCode + " " + reason);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      onDisconnected("error: " + rootMessage(error));
    }
  }
}
