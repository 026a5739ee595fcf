package io.gantry.server.join;

import io.gantry.api.join.JoinTokenInfo;
import io.gantry.model.Scope;
import java.time.Instant;

/**
 * A join token as stored under {@code ecs/ACCOUNT/REGION/join-token/ID}: the cluster it admits
 * machines to, the SHA-256 of its secret (never the secret), a description, its lifetime, when
 * it was revoked (null while not) and the access key that created it. Immutable.
 */
public record JoinTokenRecord(String tokenId, String cluster, String secretSha256, String description,
    Instant createdAt, Instant expiresAt, Instant revokedAt, String createdBy) {
  public static final String ACTIVE = "ACTIVE";
  public static final String EXPIRED = "EXPIRED";
  public static final String REVOKED = "REVOKED";

  /** {@code REVOKED}, else {@code EXPIRED} from {@code expiresAt} on, else {@code ACTIVE}. */
  public String status(Instant now) {
    if (revokedAt != null) {
      return REVOKED;
    }
    return now.isBefore(expiresAt) ? ACTIVE : EXPIRED;
  }

  public JoinTokenRecord revoked(Instant now) {
    return new JoinTokenRecord(tokenId, cluster, secretSha256, description, createdAt, expiresAt, now, createdBy);
  }

  /** The wire description, without the hash. */
  public JoinTokenInfo info(Scope scope, Instant now) {
    return new JoinTokenInfo(tokenId, scope.ecsArnPrefix() + "cluster/" + cluster, status(now), description,
        createdAt, expiresAt, revokedAt);
  }
}
