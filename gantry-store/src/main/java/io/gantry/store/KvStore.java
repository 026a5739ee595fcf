package io.gantry.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A versioned key-value store: every committed transaction gets the next store-wide revision;
 * each key remembers the revision that created it, the revision that last modified it, and how
 * many times it was written. Writes are transactions of conditions and operations, applied
 * atomically and durably (on disk, or on a quorum) before {@link #commit} returns.
 *
 * <p>Keys are non-empty, well-formed strings (no unpaired surrogates); they sort by Unicode code
 * point, which is the byte order of their UTF-8 encoding and so the order etcd uses.
 *
 * <p>Threading: every method may be called from any thread. Reads see the latest committed
 * state; a read that starts after a commit returned sees that commit. Once the store is closed,
 * every method but {@link #close} throws {@link StoreException}.
 */
public interface KvStore extends AutoCloseable {

  /** The revision of the latest committed transaction (0 for an empty, new store). */
  long revision();

  /** The current value of {@code key}. */
  Optional<KeyValue> get(String key);

  /** Every key starting with {@code prefix}, in ascending key order, read at one revision. */
  List<KeyValue> range(String prefix);

  /**
   * One page of {@link #range}: at most {@code limit} keys starting with {@code prefix} that sort
   * after {@code startKeyExclusive} (pass {@code ""} for the first page, then the last key
   * returned), in ascending key order, read at one revision. The default pages through
   * {@link #range}; stores override it to read only the page.
   */
  default List<KeyValue> rangeFrom(String prefix, String startKeyExclusive, int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    List<KeyValue> page = new ArrayList<>(Math.min(limit, 256));
    for (KeyValue kv : range(prefix)) {
      if (page.size() == limit) {
        break;
      }
      if (Keys.compare(kv.key(), startKeyExclusive) > 0) {
        page.add(kv);
      }
    }
    return page;
  }

  /**
   * Applies {@code txn} atomically: when all its conditions hold, all its operations are
   * applied under one new revision and made durable before this returns. When a condition does
   * not hold nothing is written and the result says so; the caller re-reads and decides.
   *
   * <p>A transaction that holds but changes nothing (it only deletes missing keys) succeeds
   * without a new revision, as in etcd. The operations must name distinct keys, as in etcd.
   * {@link Txn.ModRevisionIs} never holds for a missing key, whatever revision it names.
   * Values are copied: changing a {@code Put}'s array afterwards does not change what is stored.
   *
   * @throws IllegalArgumentException when a key is empty or malformed, a value is null, or two
   *     operations name the same key; nothing is written
   * @throws StoreException when the store cannot write (disk full, closed): the transaction may
   *     or may not have been applied only if the exception says so
   */
  TxnResult commit(Txn txn);

  /**
   * Delivers, in revision order, every change to keys starting with {@code prefix} committed
   * after {@code afterRevision}, then each new change as it commits, on a thread owned by the
   * store, until the returned watch is closed. A transaction that changes several matching keys
   * yields one event per key, all with its revision, in operation order. Events reach one
   * listener one at a time; a slow listener delays only its own watch. Watching from the current
   * revision is always allowed.
   *
   * @throws CompactedException when changes after {@code afterRevision} are no longer retained
   */
  Watch watch(String prefix, long afterRevision, WatchListener listener);

  @Override
  void close();
}
