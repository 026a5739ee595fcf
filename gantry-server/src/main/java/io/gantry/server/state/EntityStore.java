package io.gantry.server.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.api.json.AwsJson;
import io.gantry.store.KeyValue;
import io.gantry.store.KvStore;
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

  public TxnResult commit(Txn txn) {
    return kv.commit(txn);
  }

  /**
   * Runs {@code attempt} until its transaction commits: each attempt reads fresh state and
   * returns the transaction plus the value to hand back. A transaction whose conditions fail
   * is retried; an attempt that throws ends the loop.
   */
  public <R> R retry(Function<Integer, Attempt<R>> attempt) {
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      Attempt<R> a = attempt.apply(i);
      if (a.txn() == null || kv.commit(a.txn()).succeeded()) {
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
