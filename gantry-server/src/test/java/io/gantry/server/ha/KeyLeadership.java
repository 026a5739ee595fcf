package io.gantry.server.ha;

import io.gantry.store.KeyValue;
import io.gantry.store.KvStore;
import io.gantry.store.Txn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A fake leadership on a key of the test's own store, as {@link EtcdReplicaLeadership} is on
 * etcd: {@link #win} writes the key and fences on that revision; another replica taking over is
 * {@link #takeOver}, which rewrites the key behind this one's back.
 */
final class KeyLeadership implements Leadership {
  static final String KEY = "gantry/leader";
  private final KvStore store;
  private volatile long revision; // 0: not leader, as far as this replica knows

  KeyLeadership(KvStore store) {
    this.store = store;
  }

  void win(String url) {
    revision = store.commit(Txn.builder().put(KEY, url.getBytes(StandardCharsets.UTF_8)).build()).revision();
  }

  /** Another replica takes the key; this one has not noticed yet (it still believes it leads). */
  void takeOver(String url) {
    store.commit(Txn.builder().put(KEY, url.getBytes(StandardCharsets.UTF_8)).build());
  }

  void stepDown() {
    revision = 0;
  }

  @Override
  public boolean isLeader() {
    return revision != 0;
  }

  @Override
  public Optional<Txn.Condition> fence() {
    if (revision == 0) {
      throw new NotLeaderException("not the leader");
    }
    return Optional.of(new Txn.ModRevisionIs(KEY, revision));
  }

  @Override
  public boolean holds(Txn.Condition fence) {
    Optional<KeyValue> kv = store.get(KEY);
    return fence instanceof Txn.ModRevisionIs m && kv.isPresent() && kv.get().modRevision() == m.modRevision();
  }

  @Override
  public Optional<URI> leaderUrl() {
    return store.get(KEY).map(kv -> URI.create(new String(kv.value(), StandardCharsets.UTF_8)));
  }

  @Override
  public void close() {}
}
