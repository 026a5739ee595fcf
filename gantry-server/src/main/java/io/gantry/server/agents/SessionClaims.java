package io.gantry.server.agents;

import io.gantry.api.json.AwsJson;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.store.KeyValue;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store records that say which control-plane replica holds each agent's session. A claim
 * ({@link StateKeys#agentSession}) names the replica and is written with {@code agentConnected=true}
 * in one transaction, together with an index entry under {@link #INDEX}{@code REPLICA/} so the
 * claims of one replica can be listed without scanning tasks. Each replica also keeps a beacon
 * under {@link #BEACONS} that it rewrites every few seconds while it lives: a replica that dies
 * (or a single server killed and restarted, which comes back as a new replica) leaves claims whose
 * beacon stops changing, and {@link OrphanedSessions} on the leader releases them. Thread-safe.
 */
final class SessionClaims {
  static final String BEACONS = "gantry/replica/";
  static final String INDEX = "gantry/session-claim/";
  private static final Logger log = LoggerFactory.getLogger(SessionClaims.class);
  private static final int ATTEMPTS = 100;

  private final EntityStore store;
  private final String replica;
  private final Clock clock;

  SessionClaims(EntityStore store, String replica, Clock clock) {
    this.store = store;
    this.replica = replica;
    this.clock = clock;
  }

  String replica() {
    return replica;
  }

  /** The index entry of {@code claimKey} held by {@code replica}. */
  static String indexKey(String replica, String claimKey) {
    return INDEX + replica + "/" + claimKey;
  }

  /** Rewrites this replica's beacon (its revision changing is what says the replica lives). */
  void beat() {
    store.kv().commit(Txn.builder().put(BEACONS + replica,
        clock.instant().toString().getBytes(StandardCharsets.UTF_8)).build());
  }

  /**
   * Marks the instance connected and records this replica as the one holding its session, in one
   * transaction; the revision of the claim, or 0 when the instance is gone or the claim failed.
   */
  long claim(SessionKey key) {
    String instanceKey = StateKeys.containerInstance(key.scope(), key.cluster(), key.instanceId());
    String claimKey = StateKeys.agentSession(key.scope(), key.cluster(), key.instanceId());
    byte[] claim = store.encode(Map.of("since", clock.instant().toString(), "replica", replica));
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Optional<Versioned<ContainerInstance>> current = store.get(instanceKey, ContainerInstance.class);
        if (current.isEmpty()) {
          return 0;
        }
        Txn.Builder txn = Txn.builder().modRevisionIs(instanceKey, current.get().modRevision()).put(claimKey, claim)
            .put(indexKey(replica, claimKey), claimKey.getBytes(StandardCharsets.UTF_8));
        if (!Boolean.TRUE.equals(current.get().value().agentConnected())) {
          txn.put(instanceKey, store.encode(current.get().value().withAgentConnected(true)));
        }
        TxnResult result = store.commit(txn.build());
        if (result.succeeded()) {
          return result.revision();
        }
      }
      log.warn("could not record the session of {}: too much contention", key);
    } catch (RuntimeException e) {
      log.warn("could not record agentConnected=true for {}", key, e);
    }
    return 0;
  }

  /**
   * Marks the instance disconnected and drops the claim made at {@code claimRevision} by
   * {@code holder}, unless a newer session (on this replica or another one the agent moved to)
   * has claimed it since: then that session's replica owns the flag. Drops the holder's index
   * entry either way. False only when contention or a store failure left it undone.
   */
  boolean release(String holder, String claimKey, String instanceKey, long claimRevision) {
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Optional<KeyValue> claim = store.kv().get(claimKey);
        Txn.Builder txn = Txn.builder().delete(indexKey(holder, claimKey));
        if (claim.isEmpty() || claim.get().modRevision() != claimRevision) {
          // a newer claim of the same holder uses the same index entry: leave it
          return claim.isPresent() && holder.equals(holderOf(claim.get())) || store.commit(txn.build()).succeeded();
        }
        Optional<Versioned<ContainerInstance>> current = store.get(instanceKey, ContainerInstance.class);
        txn.modRevisionIs(claimKey, claimRevision).delete(claimKey);
        if (current.isPresent() && !Boolean.FALSE.equals(current.get().value().agentConnected())) {
          txn.modRevisionIs(instanceKey, current.get().modRevision())
              .put(instanceKey, store.encode(current.get().value().withAgentConnected(false)));
        }
        if (store.commit(txn.build()).succeeded()) {
          return true;
        }
      }
      log.warn("could not record the end of the session {}: too much contention", claimKey);
    } catch (RuntimeException e) {
      log.warn("could not record agentConnected=false for {}", claimKey, e);
    }
    return false;
  }

  /** The replica a claim names; empty for claims written before claims named one. */
  static String holderOf(KeyValue claim) {
    try {
      return AwsJson.mapper().readTree(claim.value()).path("replica").asText("");
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** The container-instance key of a claim key (same scope, cluster and id). */
  static String instanceKeyOf(String claimKey) {
    return claimKey.replaceFirst("/agent-session/", "/instance/");
  }

  /** {@link #release(String, String, String, long)} of a session of this replica. */
  void release(SessionKey key, long claimRevision) {
    release(replica, StateKeys.agentSession(key.scope(), key.cluster(), key.instanceId()),
        StateKeys.containerInstance(key.scope(), key.cluster(), key.instanceId()), claimRevision);
  }
}
