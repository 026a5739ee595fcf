package io.gantry.server.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.api.json.AwsJson;
import io.gantry.store.CommitOutcome;
import io.gantry.store.CommitOutcomeUnknownException;
import io.gantry.store.KeyValue;
import io.gantry.store.KvStore;
import io.gantry.store.StoreException;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Records over the key-value store: decodes and encodes them as JSON and runs compare-and-set
 * update loops. Thread-safe; holds no state of its own besides the store.
 */
public final class EntityStore {
  private static final int MAX_ATTEMPTS = 100;
  private static final int SETTLE_ATTEMPTS = 8;
  private final KvStore kv;
  private final ObjectMapper mapper = AwsJson.mapper();

  public EntityStore(KvStore kv) {
    this.kv = kv;
  }

  public KvStore kv() {
    return kv;
  }

  public <T> Optional<Versioned<T>> get(String key, Class<T> type) {
    return kv.get(key).map(entry -> decode(entry, type));
  }

  public <T> List<Versioned<T>> list(String prefix, Class<T> type) {
    List<KeyValue> entries = kv.range(prefix);
    List<Versioned<T>> out = new ArrayList<>(entries.size());
    for (KeyValue entry : entries) {
      out.add(decode(entry, type));
    }
    return out;
  }

  public byte[] encode(Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Commits {@code txn}. A commit whose outcome is unknown (etcd: the answer was lost) is never
   * sent again blindly: the store is re-read and {@link CommitOutcome} decides. Applied: success.
   * Not applied (its conditions still hold, so at most one copy can apply): sent again, and if
   * that one fails its conditions, a late-applied original is recognised by its bytes. Anything
   * else, or a store that stays unreachable: the {@link CommitOutcomeUnknownException} is thrown.
   */
  public TxnResult commit(Txn txn) {
    try {
      return kv.commit(txn);
    } catch (CommitOutcomeUnknownException unknown) {
      return settle(txn, unknown);
    }
  }

  private TxnResult settle(Txn txn, CommitOutcomeUnknownException unknown) {
    for (int attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
      pause(attempt);
      CommitOutcome.Decision decision;
      try {
        decision = CommitOutcome.decide(txn, kv::get);
      } catch (StoreException unreachable) {
        continue; // cannot read yet: decide after a longer pause
      }
      if (decision == CommitOutcome.Decision.APPLIED) {
        return new TxnResult(true, kv.revision());
      }
      if (decision == CommitOutcome.Decision.UNKNOWN) {
        throw unknown;
      }
      try {
        TxnResult again = kv.commit(txn);
        if (!again.succeeded() && CommitOutcome.wrote(txn, kv::get)) {
          return new TxnResult(true, kv.revision()); // the first one was applied late
        }
        return again;
      } catch (CommitOutcomeUnknownException stillUnknown) {
        // the second send's outcome is unknown too: decide again after a pause
      }
    }
    throw unknown;
  }

  private static void pause(int attempt) {
    java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
        Math.min(2000, 50L << Math.min(attempt, 6))));
  }

  /**
   * Runs {@code attempt} until its transaction commits: each attempt reads fresh state and
   * returns the transaction plus the value to hand back. A transaction whose conditions fail
   * is retried; an attempt that throws ends the loop. Commits go through {@link #commit}, so an
   * unknown outcome is settled by re-reading, never by blindly trying again.
   */
  public <R> R retry(Function<Integer, Attempt<R>> attempt) {
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      Attempt<R> a = attempt.apply(i);
      if (a.txn() == null || commit(a.txn()).succeeded()) {
        return a.result();
      }
      backOff(i);
    }
    throw new IllegalStateException("too much contention: gave up after " + MAX_ATTEMPTS + " attempts");
  }

  /** After a lost race: nothing at first, then a short random sleep that grows with the attempts. */
  private static void backOff(int attempt) {
    if (attempt < 2) {
      return;
    }
    long maxMicros = 100L << Math.min(attempt, 8);
    java.util.concurrent.locks.LockSupport.parkNanos(
        java.util.concurrent.ThreadLocalRandom.current().nextLong(maxMicros) * 1000);
  }

  /** One try of an update loop: the transaction to commit (null for nothing to write) and its result. */
  public record Attempt<R>(Txn txn, R result) {}

  public <T> Versioned<T> decode(KeyValue entry, Class<T> type) {
    try {
      return new Versioned<>(entry.key(), mapper.readValue(entry.value(), type), entry.modRevision());
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt record at " + entry.key(), e);
    }
  }
}
