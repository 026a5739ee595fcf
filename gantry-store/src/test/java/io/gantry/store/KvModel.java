package io.gantry.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The obviously-correct model a store is checked against: a sorted map, a revision counter and
 * an event log, applying one transaction at a time. Not thread-safe.
 */
public final class KvModel {
  private final TreeMap<String, KeyValue> data = new TreeMap<>(Keys.ORDER);
  private final List<WatchEvent> events = new ArrayList<>();
  private long revision;

  public KvModel(long revision) {
    this.revision = revision;
  }

  public TxnResult apply(Txn txn) {
    for (Txn.Condition c : txn.conditions()) {
      KeyValue current = data.get(c.key());
      boolean holds = c instanceof Txn.ModRevisionIs m
          ? current != null && current.modRevision() == m.modRevision()
          : current == null;
      if (!holds) {
        return new TxnResult(false, revision);
      }
    }
    long next = revision + 1;
    boolean changed = false;
    for (Txn.Op op : txn.ops()) {
      KeyValue current = data.get(op.key());
      if (op instanceof Txn.Put p) {
        KeyValue kv = new KeyValue(p.key(), p.value().clone(),
            current == null ? next : current.createRevision(), next,
            current == null ? 1 : current.version() + 1);
        data.put(p.key(), kv);
        events.add(new WatchEvent(WatchEvent.Type.PUT, kv));
        changed = true;
      } else if (current != null) {
        data.remove(op.key());
        events.add(new WatchEvent(WatchEvent.Type.DELETE, new KeyValue(op.key(), new byte[0], 0, next, 0)));
        changed = true;
      }
    }
    if (changed) {
      revision = next;
    }
    return new TxnResult(true, revision);
  }

  public long revision() {
    return revision;
  }

  public Optional<KeyValue> get(String key) {
    return Optional.ofNullable(data.get(key));
  }

  public List<KeyValue> range(String prefix) {
    return data.tailMap(prefix, true).values().stream()
        .takeWhile(kv -> kv.key().startsWith(prefix))
        .toList();
  }

  public List<WatchEvent> events(String prefix) {
    return events.stream().filter(e -> e.kv().key().startsWith(prefix)).toList();
  }
}
