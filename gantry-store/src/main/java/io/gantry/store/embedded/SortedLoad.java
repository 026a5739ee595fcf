package io.gantry.store.embedded;

import io.gantry.store.KeyValue;
import io.gantry.store.Keys;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Builds the in-memory index of a store being opened. Records come from the database in key
 * order, so the skip list can be built in one linear pass (its sorted-map constructor) instead of
 * a search per key, which dominated opening a store of 100,000 tasks. Records that arrive out of
 * order (a database sorting differently) are still indexed correctly, by ordinary inserts.
 * Confined to the opening thread.
 */
final class SortedLoad {
  private final List<KeyValue> records = new ArrayList<>();
  private boolean sorted = true;

  void add(KeyValue kv) {
    if (sorted && !records.isEmpty() && Keys.compare(records.get(records.size() - 1).key(), kv.key()) >= 0) {
      sorted = false;
    }
    records.add(kv);
  }

  ConcurrentSkipListMap<String, KeyValue> toMap() {
    if (!sorted) {
      ConcurrentSkipListMap<String, KeyValue> map = new ConcurrentSkipListMap<>(Keys.ORDER);
      records.forEach(kv -> map.put(kv.key(), kv));
      return map;
    }
    return new ConcurrentSkipListMap<>(new AscendingView(records));
  }

  /**
   * The records, already in key order, seen as a sorted map: just what the skip list's sorted-map
   * constructor reads (its comparator and its entries in order).
   */
  private static final class AscendingView extends AbstractMap<String, KeyValue> implements SortedMap<String, KeyValue> {
    private final List<KeyValue> records;

    AscendingView(List<KeyValue> records) {
      this.records = records;
    }

    @Override
    public Comparator<? super String> comparator() {
      return Keys.ORDER;
    }

    @Override
    public Set<Map.Entry<String, KeyValue>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, KeyValue>> iterator() {
          Iterator<KeyValue> it = records.iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Map.Entry<String, KeyValue> next() {
              KeyValue kv = it.next();
              return new AbstractMap.SimpleImmutableEntry<>(kv.key(), kv);
            }
          };
        }

        @Override
        public int size() {
          return records.size();
        }
      };
    }

    @Override
    public SortedMap<String, KeyValue> subMap(String fromKey, String toKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<String, KeyValue> headMap(String toKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SortedMap<String, KeyValue> tailMap(String fromKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String firstKey() {
      return records.get(0).key();
    }

    @Override
    public String lastKey() {
      return records.get(records.size() - 1).key();
    }
  }
}
