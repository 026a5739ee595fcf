package io.gantry.store.embedded;

import io.gantry.store.KeyValue;
import io.gantry.store.Keys;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import io.gantry.store.WatchEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One group commit being put together: evaluates transactions in order against the committed
 * state plus the effects of the batch's earlier transactions, and collects the resulting key
 * changes and watch events. Pure (no I/O); confined to the writer thread.
 */
final class Batch {
  private static final byte[] EMPTY = new byte[0];

  private final Function<String, KeyValue> committed;
  /** Final state of every key the batch changes; a null value means deleted. */
  private final Map<String, KeyValue> changes = new LinkedHashMap<>();
  private final List<WatchEvent> events = new ArrayList<>();
  private long revision;

  Batch(long committedRevision, Function<String, KeyValue> committed) {
    this.revision = committedRevision;
    this.committed = committed;
  }

  /**
   * Checks {@code txn} for a store: keys valid, values present, no key written twice; returns a
   * copy whose values the caller can no longer change.
   */
  static Txn validatedCopy(Txn txn) {
    for (Txn.Condition condition : txn.conditions()) {
      Keys.requireValid(condition.key());
    }
    Set<String> written = new HashSet<>();
    List<Txn.Op> ops = new ArrayList<>(txn.ops().size());
    for (Txn.Op op : txn.ops()) {
      if (!written.add(Keys.requireValid(op.key()))) {
        throw new IllegalArgumentException("a transaction writes key " + op.key() + " twice");
      }
      if (op instanceof Txn.Put put) {
        if (put.value() == null) {
          throw new IllegalArgumentException("null value for key " + put.key());
        }
        ops.add(new Txn.Put(put.key(), put.value().clone()));
      } else {
        ops.add(op);
      }
    }
    return new Txn(txn.conditions(), ops);
  }

  /** Applies {@code txn} to the batch when its conditions hold; the result is final once the batch is durable. */
  TxnResult apply(Txn txn) {
    for (Txn.Condition condition : txn.conditions()) {
      if (!holds(condition)) {
        return new TxnResult(false, revision);
      }
    }
    long next = revision + 1;
    int eventsBefore = events.size();
    for (Txn.Op op : txn.ops()) {
      KeyValue current = current(op.key());
      if (op instanceof Txn.Put put) {
        KeyValue kv = current == null
            ? new KeyValue(put.key(), put.value(), next, next, 1)
            : new KeyValue(put.key(), put.value(), current.createRevision(), next, current.version() + 1);
        changes.put(put.key(), kv);
        events.add(new WatchEvent(WatchEvent.Type.PUT, kv));
      } else if (current != null) {
        changes.put(op.key(), null);
        events.add(new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(op.key(), EMPTY, 0, next, 0)));
      }
    }
    if (events.size() > eventsBefore) {
      revision = next; // like etcd, a transaction that changes nothing takes no revision
    }
    return new TxnResult(true, revision);
  }

  boolean hasChanges() {
    return !changes.isEmpty();
  }

  /** Every key the batch changes, with its final state (null when deleted). */
  Map<String, KeyValue> changes() {
    return Collections.unmodifiableMap(changes);
  }

  /** The watch events of the batch, in revision order. */
  List<WatchEvent> events() {
    return Collections.unmodifiableList(events);
  }

  /** The store revision after the batch. */
  long revision() {
    return revision;
  }

  private boolean holds(Txn.Condition condition) {
    KeyValue current = current(condition.key());
    if (condition instanceof Txn.ModRevisionIs is) {
      return current != null && current.modRevision() == is.modRevision();
    }
    return current == null; // Txn.Absent
  }

  private KeyValue current(String key) {
    return changes.containsKey(key) ? changes.get(key) : committed.apply(key);
  }
}
