package io.gantry.store;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides, from the store as it reads now, what became of a transaction whose commit had an
 * unknown outcome. Pure and thread-safe.
 *
 * <ul>
 *   <li>{@link Decision#NOT_APPLIED}: every condition still holds and the transaction writes at
 *       least one key it conditions on. Had it been applied, that key's revision would have moved
 *       (or an absent key would exist), so it was not; sending the same transaction again is
 *       safe, since its conditions still let at most one of the two apply.
 *   <li>{@link Decision#APPLIED}: every key it puts holds exactly the bytes it put and every key
 *       it deletes is absent. Gantry's records carry their own ARNs and timestamps, so another
 *       writer leaving the same bytes is not a practical concern.
 *   <li>{@link Decision#UNKNOWN}: anything else (for example another writer changed the keys
 *       since): the caller must report the failure rather than guess.
 * </ul>
 * An absent-key condition that holds again because another writer deleted the key after the
 * transaction created it would read as NOT_APPLIED; Gantry deletes freshly created records only
 * much later (reapers, deregistrations), long after the decision.
 */
public final class CommitOutcome {
  /** What became of the transaction. */
  public enum Decision { APPLIED, NOT_APPLIED, UNKNOWN }

  private CommitOutcome() {}

  /** The decision for {@code txn} given {@code read}, the store's current value of a key. */
  public static Decision decide(Txn txn, Function<String, Optional<KeyValue>> read) {
    if (conditionsHold(txn, read) && writesAConditionedKey(txn)) {
      return Decision.NOT_APPLIED;
    }
    return wrote(txn, read) ? Decision.APPLIED : Decision.UNKNOWN;
  }

  /** Whether every key {@code txn} puts holds its bytes and every key it deletes is absent. */
  public static boolean wrote(Txn txn, Function<String, Optional<KeyValue>> read) {
    for (Txn.Op op : txn.ops()) {
      Optional<KeyValue> now = read.apply(op.key());
      boolean done = op instanceof Txn.Put put
          ? now.isPresent() && Arrays.equals(now.get().value(), put.value())
          : now.isEmpty();
      if (!done) {
        return false;
      }
    }
    return true;
  }

  private static boolean conditionsHold(Txn txn, Function<String, Optional<KeyValue>> read) {
    for (Txn.Condition c : txn.conditions()) {
      Optional<KeyValue> now = read.apply(c.key());
      boolean holds = c instanceof Txn.ModRevisionIs m
          ? now.isPresent() && now.get().modRevision() == m.modRevision()
          : now.isEmpty();
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  private static boolean writesAConditionedKey(Txn txn) {
    Set<String> conditioned = new HashSet<>();
    txn.conditions().forEach(c -> conditioned.add(c.key()));
    for (Txn.Op op : txn.ops()) {
      // deleting a key conditioned as absent changes nothing, so it proves nothing
      if (conditioned.contains(op.key()) && !(op instanceof Txn.Delete && isAbsentCondition(txn, op.key()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAbsentCondition(Txn txn, String key) {
    return txn.conditions().stream().anyMatch(c -> c instanceof Txn.Absent && c.key().equals(key));
  }
}
