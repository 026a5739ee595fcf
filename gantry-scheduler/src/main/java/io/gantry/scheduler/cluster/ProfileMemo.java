package io.gantry.scheduler.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Results that depend only on the nodes' profiles (see {@link Node#sameProfile}) and their
 * positions, kept for the snapshots that share both: a snapshot hands its memo to the snapshots
 * derived from it while no replaced node changes its profile. Bounded: past {@link #LIMIT}
 * entries it starts afresh. Thread-safe; a value may be computed twice by racing callers, and
 * both results are the same.
 */
final class ProfileMemo {
  static final int LIMIT = 64;

  private final Map<Object, Object> values = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  <T> T get(Object key, Supplier<T> compute) {
    Object value = values.get(key);
    if (value == null) {
      if (values.size() >= LIMIT) {
        values.clear();
      }
      value = compute.get();
      values.put(key, value);
    }
    return (T) value;
  }
}
