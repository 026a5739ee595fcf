package io.gantry.server.ha;

import io.gantry.store.KeyValue;
import io.gantry.store.KvStore;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import io.gantry.store.Watch;
import io.gantry.store.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store as the leader's controllers and plan applier see it: every commit also carries the
 * leadership's fence, so a replica that was deposed (its lease expired while it was paused, say)
 * cannot overwrite what the new leader wrote. A commit whose conditions fail is reported as a
 * lost race, as usual, unless the fence itself no longer holds: then {@link NotLeaderException}.
 * Reads and watches go straight to the underlying store. Closing does not close it.
 */
public final class FencedKvStore implements KvStore {
  private final KvStore store;
  private final Leadership leadership;

  public FencedKvStore(KvStore store, Leadership leadership) {
    this.store = store;
    this.leadership = leadership;
  }

  @Override
  public long revision() {
    return store.revision();
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return store.get(key);
  }

  @Override
  public List<KeyValue> range(String prefix) {
    return store.range(prefix);
  }

  @Override
  public List<KeyValue> rangeFrom(String prefix, String startKeyExclusive, int limit) {
    return store.rangeFrom(prefix, startKeyExclusive, limit);
  }

  @Override
  public TxnResult commit(Txn txn) {
    Optional<Txn.Condition> fence = leadership.fence();
    if (fence.isEmpty()) {
      return store.commit(txn);
    }
    TxnResult result = store.commit(fenced(txn, fence.get()));
    if (!result.succeeded() && !leadership.holds(fence.get())) {
      throw new NotLeaderException("this control-plane replica lost the leadership; the write was not applied");
    }
    return result;
  }

  /** {@code txn} with {@code fence} as one more condition. */
  static Txn fenced(Txn txn, Txn.Condition fence) {
    List<Txn.Condition> conditions = new ArrayList<>(txn.conditions().size() + 1);
    conditions.addAll(txn.conditions());
    conditions.add(fence);
    return new Txn(conditions, txn.ops());
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    return store.watch(prefix, afterRevision, listener);
  }

  @Override
  public void close() {}
}
