package io.gantry.server.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.gantry.api.agent.AgentMessage;
import io.gantry.api.json.AwsJson;
import io.gantry.model.Scope;
import io.gantry.server.auth.Principal;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's WebSocket session. Decodes incoming frames and hands them to the gateway; sends
 * are serialised on this object so frames never interleave. Jetty calls the listener methods
 * one at a time per session. Public only because Jetty binds its listener methods reflectively.
 */
public final class AgentSession implements Session.Listener.AutoDemanding {
  private static final Logger log = LoggerFactory.getLogger(AgentSession.class);
  private final AgentGateway gateway;
  private final Scope scope;
  private final Principal principal;
  private volatile Session session;
  private volatile SessionKey key;
  private volatile Instant lastHeard;
  /** Orders the full desired set before any increment: held while sending either. */
  final Object pushLock = new Object();
  /** Set once the full desired set is sent; increments are only pushed after it. */
  boolean synced;
  /** The revision at which this session claimed its instance (the agent-session record's), 0 before. */
  volatile long claim;

  AgentSession(AgentGateway gateway, Scope scope, Principal principal, Instant now) {
    this.gateway = gateway;
    this.scope = scope;
    this.principal = principal;
    this.lastHeard = now;
  }

  Scope scope() {
    return scope;
  }

  Principal principal() {
    return principal;
  }

  SessionKey key() {
    return key;
  }

  void bind(SessionKey bound) {
    this.key = bound;
  }

  Instant lastHeard() {
    return lastHeard;
  }

  @Override
  public void onWebSocketOpen(Session opened) {
    this.session = opened;
  }

  @Override
  public void onWebSocketText(String text) {
    lastHeard = gateway.now();
    AgentMessage message;
    try {
      message = AwsJson.mapper().readValue(text, AgentMessage.class);
    } catch (JsonProcessingException e) {
      send(new AgentMessage.Rejected("Unreadable message: " + e.getOriginalMessage()));
      close("unreadable message");
      return;
    }
    try {
      gateway.onMessage(this, message);
    } catch (RuntimeException e) {
      log.error("agent session {} failed on {}", key, message.getClass().getSimpleName(), e);
      close("internal error");
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason) {
    gateway.onClosed(this);
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    log.debug("agent session {} error: {}", key, cause.toString());
  }

  /** Sends one message and waits (bounded) until it is written. */
  synchronized boolean send(AgentMessage message) {
    Session s = session;
    if (s == null || !s.isOpen()) {
      return false;
    }
    try {
      Callback.Completable done = new Callback.Completable();
      s.sendText(AwsJson.mapper().writeValueAsString(message), done);
      done.get(10, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      log.debug("send to agent {} failed: {}", key, e.toString());
      close("send failed");
      return false;
    }
  }

  void close(String reason) {
    Session s = session;
    if (s != null && s.isOpen()) {
      s.close(1000, reason, Callback.NOOP);
    }
  }
}
