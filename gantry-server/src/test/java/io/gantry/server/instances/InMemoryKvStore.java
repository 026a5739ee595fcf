package io.gantry.server.instances;

import io.gantry.store.KeyValue;
import io.gantry.store.Keys;
import io.gantry.store.KvStore;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import io.gantry.store.Watch;
import io.gantry.store.WatchEvent;
import io.gantry.store.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small in-memory {@link KvStore} for handler tests: revisions and compare-and-set as the
 * contract says, no durability; watches from the current revision only, their events delivered
 * on the committing thread before {@code commit} returns. Thread-safe (one lock).
 */
public final class InMemoryKvStore implements KvStore {
  private final TreeMap<String, KeyValue> data = new TreeMap<>(Keys.ORDER);
  private long revision;
  private final List<Listening> watches = new java.util.concurrent.CopyOnWriteArrayList<>();

  private record Listening(String prefix, WatchListener listener) {}

  @Override
  public synchronized long revision() {
    return revision;
  }

  @Override
  public synchronized Optional<KeyValue> get(String key) {
    return Optional.ofNullable(data.get(key));
  }

  @Override
  public synchronized List<KeyValue> range(String prefix) {
    List<KeyValue> out = new ArrayList<>();
    for (Map.Entry<String, KeyValue> e : data.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      out.add(e.getValue());
    }
    return out;
  }

  @Override
  public synchronized TxnResult commit(Txn txn) {
    for (Txn.Condition c : txn.conditions()) {
      KeyValue current = data.get(c.key());
      boolean holds = c instanceof Txn.ModRevisionIs m
          ? current != null && current.modRevision() == m.modRevision()
          : current == null;
      if (!holds) {
        return new TxnResult(false, revision);
      }
    }
    boolean changes = txn.ops().stream().anyMatch(op -> op instanceof Txn.Put || data.containsKey(op.key()));
    if (!changes) {
      return new TxnResult(true, revision);
    }
    long next = revision + 1;
    List<WatchEvent> events = new ArrayList<>();
    for (Txn.Op op : txn.ops()) {
      if (op instanceof Txn.Put p) {
        KeyValue old = data.get(p.key());
        KeyValue kv = new KeyValue(p.key(), p.value().clone(), old == null ? next : old.createRevision(), next,
            old == null ? 1 : old.version() + 1);
        data.put(p.key(), kv);
        events.add(new WatchEvent(WatchEvent.Type.PUT, kv));
      } else if (data.remove(op.key()) != null) {
        events.add(new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(op.key(), new byte[0], 0, next, 0)));
      }
    }
    revision = next;
    for (Listening w : watches) {
      for (WatchEvent e : events) {
        if (e.kv().key().startsWith(w.prefix())) {
          w.listener().onEvent(e);
        }
      }
    }
    return new TxnResult(true, revision);
  }

  @Override
  public synchronized Watch watch(String prefix, long afterRevision, WatchListener listener) {
    if (afterRevision != revision) {
      throw new UnsupportedOperationException("this store watches from its current revision only");
    }
    Listening w = new Listening(prefix, listener);
    watches.add(w);
    return () -> watches.remove(w);
  }

  @Override
  public void close() {}
}
