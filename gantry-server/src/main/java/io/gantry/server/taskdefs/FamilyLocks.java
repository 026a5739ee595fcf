package io.gantry.server.taskdefs;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Striped locks that queue registrations of the same family inside one server process. The
 * revision counter is still claimed with compare-and-set, which is what keeps revisions distinct
 * across processes; the lock only stops same-process writers from failing each other's
 * transactions over and over (with group commit, many writers racing for one key would mostly
 * lose). Fair, so a request waits its turn. Thread-safe.
 */
final class FamilyLocks {
  private static final int STRIPES = 64;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

  FamilyLocks() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock(true);
    }
  }

  /** Runs {@code body} holding the lock of {@code key} (families of different scopes may share one). */
  <T> T locked(String key, Supplier<T> body) {
    ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), STRIPES)];
    lock.lock();
    try {
      return body.get();
    } finally {
      lock.unlock();
    }
  }
}
