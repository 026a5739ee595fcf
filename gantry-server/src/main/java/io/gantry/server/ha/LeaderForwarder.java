package io.gantry.server.ha;

import io.gantry.api.sigv4.Credential;
import io.gantry.api.sigv4.CredentialLookup;
import io.gantry.api.sigv4.SigV4Signer;
import io.gantry.api.sigv4.SignableRequest;
import io.gantry.model.ErrorCode;
import io.gantry.server.dispatch.EcsDispatcher;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the calls only the leader may serve (those that place tasks through the plan applier:
 * RunTask and StartTask) from a follower to the leader, and hands back the leader's answer
 * unchanged. The follower has verified the caller's signature already; it signs the same body
 * again with the caller's own key for the leader's address (the original signature covers the
 * follower's host), so the leader authenticates and authorises the caller exactly as if it had
 * been called directly. A forwarded request carries {@value #FORWARDED} and is never forwarded
 * again. While no leader is known or the leader cannot be connected to, it waits (re-reading the
 * leader) up to {@code patience}; once a request may have reached the leader it is never sent
 * twice: an answer lost on the way becomes ServerException, which the caller retries (with its
 * client token, the retry finds the first call's tasks). Thread-safe.
 */
public final class LeaderForwarder {
  public static final String FORWARDED = "x-gantry-forwarded-by";
  public static final Set<String> LEADER_OPERATIONS = Set.of("RunTask", "StartTask");
  private static final Logger log = LoggerFactory.getLogger(LeaderForwarder.class);

  private final Leadership leadership;
  private final CredentialLookup credentials;
  private final Clock clock;
  private final Duration patience;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public LeaderForwarder(Leadership leadership, CredentialLookup credentials, Clock clock, Duration patience) {
    this.leadership = leadership;
    this.credentials = credentials;
    this.clock = clock;
    this.patience = patience;
  }

  /** Whether this replica must hand {@code operation} to the leader instead of serving it. */
  public boolean mustForward(String operation) {
    return LEADER_OPERATIONS.contains(operation) && !leadership.isLeader();
  }

  /**
   * Serves a call this replica may not serve: forwards it to the leader, or refuses it when it
   * was forwarded here already.
   */
  public EcsDispatcher.Response forward(String target, byte[] body, String accessKeyId, String region,
      boolean alreadyForwarded) {
    if (alreadyForwarded) {
      return EcsDispatcher.error(ErrorCode.SERVER, "The control-plane leader changed while the request was "
          + "forwarded; retry it.");
    }
    Optional<Credential> key = credentials.find(accessKeyId);
    if (key.isEmpty()) {
      return EcsDispatcher.error(ErrorCode.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      if (leadership.isLeader()) {
        return null; // leads now: serve it here
      }
      Optional<URI> leader = leadership.leaderUrl();
      if (leader.isPresent()) {
        try {
          return send(leader.get(), target, body, key.get(), region);
        } catch (ConnectException | HttpConnectTimeoutException e) {
          // not sent: safe to try again, at whoever leads by then
          log.info("cannot reach the leader at {} ({}); waiting for a new one", leader.get(), e.toString());
        } catch (IOException e) {
          return lost(leader.get(), e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return EcsDispatcher.error(ErrorCode.SERVER, "Interrupted while forwarding to the leader.");
        }
      }
      if (System.nanoTime() > deadline) {
        return EcsDispatcher.error(ErrorCode.SERVER, "No control-plane leader is reachable; retry shortly.");
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return EcsDispatcher.error(ErrorCode.SERVER, "Interrupted while waiting for a leader.");
      }
    }
  }

  private static EcsDispatcher.Response lost(URI leader, IOException e) {
    log.warn("forwarded a request to the leader at {} but got no answer: {}", leader, e.toString());
    return EcsDispatcher.error(ErrorCode.SERVER, "The control-plane leader did not answer; the request may or may "
        + "not have been carried out. Retry it (with the same client token).");
  }

  private EcsDispatcher.Response send(URI leader, String target, byte[] body, Credential key, String region)
      throws IOException, InterruptedException {
    String host = leader.getHost() + (leader.getPort() > 0 ? ":" + leader.getPort() : "");
    SigV4Signer signer = new SigV4Signer(key.accessKeyId(), key.secretKey(), region, "ecs", clock);
    SignableRequest signed = signer.sign(SignableRequest.of("POST", "/", body, "host", host,
        "content-type", "application/x-amz-json-1.1", "x-amz-target", target));
    HttpRequest.Builder request = HttpRequest.newBuilder(leader.resolve("/"))
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header(FORWARDED, "follower");
    for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
      if (!header.getKey().equals("host")) {
        for (String value : header.getValue()) {
          request.header(header.getKey(), value);
        }
      }
    }
    HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new EcsDispatcher.Response(answer.statusCode(), answer.body());
  }
}
