package io.gantry.server.taskdefs;

import io.gantry.model.Scope;
import io.gantry.server.state.StateKeys;
import io.gantry.store.KeyValue;
import io.gantry.store.KvStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out task-definition revision numbers. Each family's counter lives in memory, seeded
 * once from the highest revision stored for the family, so concurrent registrations of one
 * family get distinct numbers without waiting for each other and commit together in one group
 * commit. Every registration still commits on the condition that its revision key is absent:
 * when another process took the number, {@link #resync} raises the counter past what is stored
 * and the caller tries the next number. Stored revisions are never removed (deleted ones stay
 * as DELETE_IN_PROGRESS), so the highest stored key is the family's high-water mark and
 * numbers are never reused. Thread-safe.
 */
final class RevisionAllocator {
  private final KvStore kv;
  private final ConcurrentHashMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();

  RevisionAllocator(KvStore kv) {
    this.kv = kv;
  }

  /** The next unused revision number of {@code family}. */
  int next(Scope scope, String family) {
    String prefix = StateKeys.taskDefinitionFamily(scope, family);
    return counters.computeIfAbsent(prefix, p -> new AtomicInteger(highestStored(p))).incrementAndGet();
  }

  /** After a conflict: moves the family's counter to at least the highest stored revision. */
  void resync(Scope scope, String family) {
    String prefix = StateKeys.taskDefinitionFamily(scope, family);
    int stored = highestStored(prefix);
    counters.computeIfAbsent(prefix, p -> new AtomicInteger()).accumulateAndGet(stored, Math::max);
  }

  private int highestStored(String prefix) {
    int highest = 0;
    for (KeyValue kv : kv.range(prefix)) {
      String suffix = kv.key().substring(prefix.length());
      try {
        highest = Math.max(highest, Integer.parseInt(suffix));
      } catch (NumberFormatException e) {
        // not a revision key; ignore
      }
    }
    return highest;
  }
}
