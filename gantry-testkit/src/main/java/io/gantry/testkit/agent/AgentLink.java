package io.gantry.testkit.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gantry.api.agent.AgentMessage;
import io.gantry.api.json.AwsJson;
import io.gantry.api.sigv4.SignableRequest;
import io.gantry.testkit.ecs.SignedEcsClient;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated agent's WebSocket session, speaking the real protocol (docs/PROTOCOL.md): a
 * SigV4-presigned upgrade to {@code /agent/v1/session}, Hello, heartbeats at the interval the
 * Welcome gives, reconnects with exponential back-off and jitter (0.5 s doubling to 30 s) unless
 * held down on purpose. Frames go out in order through a chain of non-blocking sends, so no thread
 * waits on a socket.
 *
 * <p>Threading: every method runs holding the owning agent's monitor; callbacks from the HTTP
 * client and the scheduler take that monitor first. A generation number tells callbacks of an old
 * socket from the current one's.
 */
final class AgentLink {
  private static final Logger log = LoggerFactory.getLogger(AgentLink.class);
  private static final long MIN_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 30_000;

  private final SimulatedAgent agent;
  private final SimulationContext ctx;
  private LinkState state = LinkState.DOWN;
  private int generation;
  private WebSocket socket;
  private CompletableFuture<WebSocket> sendTail;
  private ScheduledFuture<?> heartbeat;
  private ScheduledFuture<?> retry;
  private int failures;
  private CompletableFuture<Void> welcomed = new CompletableFuture<>();
  private String rejection;

  AgentLink(SimulatedAgent agent, SimulationContext ctx) {
    this.agent = agent;
    this.ctx = ctx;
  }

  LinkState state() {
    return state;
  }

  String rejection() {
    return rejection;
  }

  /** Dials unless connected or held; completes when the control plane welcomes the agent. */
  CompletableFuture<Void> connect() {
    if (state == LinkState.KILLED || state == LinkState.CLOSED) {
      return CompletableFuture.failedFuture(new IllegalStateException(agent.name() + " is " + state));
    }
    if (state == LinkState.CONNECTED || state == LinkState.CONNECTING) {
      return welcomed;
    }
    drop();
    if (welcomed.isDone()) {
      welcomed = new CompletableFuture<>();
    }
    state = LinkState.CONNECTING;
    int gen = generation;
    ctx.http().newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(30))
        .buildAsync(sessionUri(), new Listener(gen))
        .whenComplete((ws, failure) -> {
          synchronized (agent) {
            opened(gen, ws, failure);
          }
        });
    return welcomed;
  }

  /** Drops the connection at once (the control plane sees it close) and stays down until {@link #reconnect}. */
  void disconnect() {
    hold(LinkState.DISCONNECTED);
  }

  /** Goes silent: no heartbeats, nothing sent, everything received ignored; the control plane times it out. */
  void partition() {
    if (state == LinkState.KILLED || state == LinkState.CLOSED) {
      return;
    }
    state = LinkState.PARTITIONED;
    cancel(heartbeat);
  }

  /** Ends a disconnect or partition (or a back-off wait) and dials at once. */
  CompletableFuture<Void> reconnect() {
    if (state == LinkState.DISCONNECTED || state == LinkState.PARTITIONED || state == LinkState.DOWN) {
      drop();
      state = LinkState.DOWN;
      failures = 0;
    }
    return connect();
  }

  /** Gone for good: the socket is cut, nothing is sent again. */
  void kill() {
    hold(LinkState.KILLED);
  }

  /** Closes the session politely (a close frame) and for good. */
  void close() {
    WebSocket ws = socket;
    if (ws != null && sendTail != null) {
      sendTail.thenCompose(w -> w.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping"))
          .orTimeout(2, TimeUnit.SECONDS)
          .whenComplete((w, e) -> ws.abort());
    }
    socket = null;
    hold(LinkState.CLOSED);
  }

  /** Sends {@code message} after those queued before it; dropped when there is no session to carry it. */
  void send(AgentMessage message) {
    if (socket == null || !(state == LinkState.CONNECTING || state == LinkState.CONNECTED)) {
      return;
    }
    String text;
    try {
      text = AwsJson.mapper().writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + message, e);
    }
    int gen = generation;
    sendTail = sendTail.thenCompose(w -> w.sendText(text, true));
    sendTail.whenComplete((w, failure) -> {
      if (failure != null) {
        synchronized (agent) {
          dropped(gen, "send failed: " + failure);
        }
      }
    });
  }

  private void opened(int gen, WebSocket ws, Throwable failure) {
    if (gen != generation || state != LinkState.CONNECTING) {
      if (ws != null) {
        ws.abort();
      }
      return;
    }
    if (failure != null) {
      log.debug("{} cannot reach the control plane: {}", agent.name(), failure.toString());
      state = LinkState.DOWN;
      retryLater();
      return;
    }
    socket = ws;
    sendTail = CompletableFuture.completedFuture(ws);
    send(new AgentMessage.Hello(ctx.cluster(), agent.containerInstanceArn(), InstanceRegistration.AGENT_VERSION,
        agent.lastAppliedSeq()));
  }

  private void received(int gen, AgentMessage message) {
    if (gen != generation || state == LinkState.PARTITIONED || socket == null) {
      return;
    }
    if (message instanceof AgentMessage.Welcome welcome) {
      state = LinkState.CONNECTED;
      failures = 0;
      rejection = null;
      startHeartbeats(Math.max(1, welcome.heartbeatSeconds()));
      agent.onWelcome();
      welcomed.complete(null);
    } else if (message instanceof AgentMessage.Rejected rejected) {
      rejection = rejected.reason();
      log.warn("the control plane refused {}: {}", agent.name(), rejected.reason());
    } else {
      agent.onMessage(message);
    }
  }

  private void dropped(int gen, String why) {
    if (gen != generation) {
      return;
    }
    log.debug("{}: session ended ({})", agent.name(), why);
    drop();
    if (state == LinkState.CONNECTING || state == LinkState.CONNECTED || state == LinkState.DOWN) {
      state = LinkState.DOWN;
      retryLater();
    }
  }

  private void hold(LinkState held) {
    if (state == LinkState.KILLED || state == LinkState.CLOSED) {
      return;
    }
    state = held;
    drop();
    if (held != LinkState.DISCONNECTED) {
      welcomed.completeExceptionally(new IllegalStateException(agent.name() + " is " + held));
    }
  }

  /** Forgets the current socket (aborting it) and its timers; later callbacks of it are ignored. */
  private void drop() {
    generation++;
    cancel(heartbeat);
    cancel(retry);
    if (socket != null) {
      socket.abort();
      socket = null;
    }
  }

  private void retryLater() {
    failures++;
    long max = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS << Math.min(failures, 10));
    long delay = max / 2 + ctx.random().nextLong(max / 2 + 1);
    retry = ctx.scheduler().schedule(() -> {
      synchronized (agent) {
        if (state == LinkState.DOWN) {
          connect();
        }
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  private void startHeartbeats(int seconds) {
    cancel(heartbeat);
    long period = seconds * 1000L;
    long first = period - ctx.random().nextLong(period / 2 + 1); // spread thousands of agents over the interval
    heartbeat = ctx.scheduler().scheduleAtFixedRate(() -> {
      synchronized (agent) {
        if (state == LinkState.CONNECTED) {
          send(new AgentMessage.Heartbeat(Instant.now(ctx.clock())));
        }
      }
    }, first, period, TimeUnit.MILLISECONDS);
  }

  private URI sessionUri() {
    URI endpoint = ctx.ecs().endpoint();
    String host = SignedEcsClient.hostHeader(endpoint);
    SignableRequest presigned = ctx.ecs().signer().presign(
        SignableRequest.of("GET", "/agent/v1/session", new byte[0], "host", host), 300);
    String scheme = "https".equals(endpoint.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + "://" + host + presigned.rawPath() + "?" + presigned.rawQuery());
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  /** Assembles text frames into messages and hands each to the link under the agent's monitor. */
  private final class Listener implements WebSocket.Listener {
    private final int gen;
    private final StringBuilder partial = new StringBuilder();

    Listener(int gen) {
      this.gen = gen;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        AgentMessage message = null;
        try {
          message = AwsJson.mapper().readValue(text, AgentMessage.class);
        } catch (JsonProcessingException e) {
          log.warn("{}: unreadable message from the control plane: {}", agent.name(), e.getOriginalMessage());
        }
        if (message != null) {
          synchronized (agent) {
            received(gen, message);
          }
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      synchronized (agent) {
        dropped(gen, "closed: " + statusCode + " " + reason);
      }
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      synchronized (agent) {
        dropped(gen, "error: " + error);
      }
    }
  }
}
