package io.gantry.server.auth;

import io.gantry.model.Scope;
import java.time.Instant;

/**
 * Agent credentials the control plane issued, as stored: the key pair, the account, region and
 * cluster they are bound to, the join token they were exchanged for (null for the local agent of
 * {@code gantry up}) and when. Immutable. The secret is stored as is, because SigV4 verification
 * needs it; {@link #toString()} hides it.
 */
public record AgentKey(String accessKeyId, String secretAccessKey, String accountId, String region, String cluster,
    String joinTokenId, Instant createdAt) {

  public AgentKey {
    if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
      throw new IllegalArgumentException("an agent key needs an id and a secret");
    }
    if (cluster == null || cluster.isBlank()) {
      throw new IllegalArgumentException("an agent key is bound to a cluster");
    }
  }

  public Scope scope() {
    return new Scope(accountId, region);
  }

  public Principal.Agent principal() {
    return new Principal.Agent(scope(), cluster, accessKeyId);
  }

  @Override
  public String toString() {
    return "AgentKey[" + accessKeyId + " " + accountId + "/" + region + "/" + cluster + "]";
  }
}
