package io.gantry.server.ha;

import io.gantry.store.KeyValue;
import io.gantry.store.Txn;
import io.gantry.store.etcd.EtcdKvStore;
import io.gantry.store.etcd.EtcdLeadership;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Leadership among control-plane replicas on one etcd cluster ({@link EtcdLeadership}): the
 * election key {@value #KEY} holds the leader's advertised URL, under the leader's lease. The
 * fence is {@code modRevisionIs(KEY, revision the leader wrote it at)}: once the lease expires or
 * another replica holds the key, a write carrying it fails.
 */
public final class EtcdReplicaLeadership implements Leadership {
  public static final String KEY = "gantry/leader";

  private final EtcdKvStore store;
  private final Duration ttl;
  private volatile EtcdLeadership election; // null until campaign

  /** A replica that follows until {@link #campaign}. */
  public EtcdReplicaLeadership(EtcdKvStore store, Duration ttl) {
    this.store = store;
    this.ttl = ttl;
  }

  /** Starts campaigning as {@code advertised} (once the replica serves requests there). */
  public synchronized EtcdReplicaLeadership campaign(URI advertised) {
    if (election != null) {
      throw new IllegalStateException("already campaigning");
    }
    election = EtcdLeadership.campaign(store, KEY, advertised.toString(), ttl);
    return this;
  }

  @Override
  public boolean isLeader() {
    EtcdLeadership e = election;
    return e != null && e.isLeader();
  }

  @Override
  public Optional<Txn.Condition> fence() {
    EtcdLeadership e = election;
    OptionalLong revision = e == null ? OptionalLong.empty() : e.fencingRevision();
    if (revision.isEmpty()) {
      throw new NotLeaderException("this control-plane replica is not the leader");
    }
    return Optional.of(new Txn.ModRevisionIs(KEY, revision.getAsLong()));
  }

  @Override
  public boolean holds(Txn.Condition fence) {
    Optional<KeyValue> holder = store.get(KEY);
    return fence instanceof Txn.ModRevisionIs m && holder.isPresent() && holder.get().modRevision() == m.modRevision();
  }

  @Override
  public Optional<URI> leaderUrl() {
    return store.get(KEY).map(kv -> URI.create(new String(kv.value(), StandardCharsets.UTF_8)));
  }

  @Override
  public synchronized void close() {
    if (election != null) {
      election.close();
    }
  }
}
