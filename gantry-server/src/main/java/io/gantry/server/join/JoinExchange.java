package io.gantry.server.join;

import io.gantry.api.join.JoinRequest;
import io.gantry.api.join.JoinResponse;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Scope;
import io.gantry.server.auth.AgentKey;
import io.gantry.server.auth.KeyRing;
import io.gantry.server.clusters.ClusterRefs;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The join exchange ({@code POST /agent/v1/join}): checks a join token (known, secret matches,
 * not revoked, not expired, for the cluster the agent names, cluster still active) and issues
 * agent credentials bound to the token's account, region and cluster. A token is multi-use until
 * it expires or is revoked; revoking it does not withdraw credentials already issued. Refusals
 * are {@code AccessDeniedException}. Thread-safe.
 */
public final class JoinExchange {
  public static final String OPERATION = "gantry:Join";

  private final EntityStore store;
  private final KeyRing keys;
  private final Clock clock;

  public JoinExchange(EntityStore store, KeyRing keys, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
  }

  public JoinResponse join(JoinRequest req) {
    if (req.token() == null || req.token().isBlank()) {
      throw EcsException.invalidParameter("token is required.");
    }
    JoinToken token = JoinToken.parse(req.token()).orElseThrow(() -> EcsException.invalidParameter(
        "The join token is malformed: a join token is ID.SECRET, as 'gantry join-token create' prints it."));
    Instant now = clock.instant();
    Optional<Scope> scope = store.get(StateKeys.joinTokenIndex(token.tokenId()), Scope.class).map(Versioned::value);
    Optional<JoinTokenRecord> found = scope.flatMap(
        s -> store.get(StateKeys.joinToken(s, token.tokenId()), JoinTokenRecord.class)).map(Versioned::value);
    if (found.isEmpty() || !token.matches(found.get().secretSha256())) {
      throw denied("The join token " + token.tokenId() + " is not valid: it is unknown or its secret does not match.");
    }
    JoinTokenRecord record = found.get();
    switch (record.status(now)) {
      case JoinTokenRecord.REVOKED -> throw denied("The join token " + token.tokenId() + " was revoked at "
          + record.revokedAt() + ".");
      case JoinTokenRecord.EXPIRED -> throw denied("The join token " + token.tokenId() + " expired at "
          + record.expiresAt() + ".");
      default -> { }
    }
    Optional<String> cluster = ClusterRefs.name(scope.get(), req.cluster());
    if (cluster.isEmpty() || !cluster.get().equals(record.cluster())) {
      throw denied("The join token " + token.tokenId() + " is for cluster " + record.cluster() + ", not "
          + (req.cluster() == null ? ClusterRefs.DEFAULT : req.cluster()) + ".");
    }
    new ClusterRefs(store).active(scope.get(), record.cluster());
    AgentKey key = keys.issue(scope.get(), record.cluster(), token.tokenId(), now);
    return new JoinResponse(key.accessKeyId(), key.secretAccessKey(), key.accountId(), key.region(), key.cluster());
  }

  private static EcsException denied(String message) {
    return new EcsException(ErrorCode.ACCESS_DENIED, message);
  }
}
