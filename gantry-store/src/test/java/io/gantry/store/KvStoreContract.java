package io.gantry.store;

import static io.gantry.store.RecordingListener.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link KvStore} must do. Extend it once per implementation (the embedded store
 * here, the etcd store in its module) and implement the hooks. Besides JUnit tests it holds a
 * jqwik property that checks random transaction sequences against {@link KvModel}; jqwik runs
 * it on a fresh instance, without the JUnit lifecycle, so it opens and closes its own stores.
 *
 * <p>Tests that need a hook a store cannot offer are skipped only when the subclass says so, by
 * calling {@code Assumptions.abort(reason)} in that hook.
 */
@SuppressWarnings("try") // try-with-resources scopes watches the body never names
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class KvStoreContract {

  /** A new, empty store, at revision 0. The test closes it. */
  protected abstract KvStore newStore();

  /**
   * Closes {@code store} and opens the same data again, as a restarted process would, and
   * returns the new store (the test closes it). A store that cannot calls
   * {@code Assumptions.abort(reason)}.
   */
  protected abstract KvStore reopen(KvStore store);

  /**
   * Makes {@code store} forget the history of revisions up to {@code revision}, so watches
   * starting before it fail with {@link CompactedException}. A store that cannot calls
   * {@code Assumptions.abort(reason)}.
   */
  protected abstract void compact(KvStore store, long revision);

  protected KvStore store;

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // ---- revisions, reads and writes

  @Test
  void aNewStoreIsEmptyAtRevisionZero() {
    assertThat(store.revision()).isZero();
    assertThat(store.get("a")).isEmpty();
    assertThat(store.range("")).isEmpty();
  }

  @Test
  void aPutIsReadBack() {
    TxnResult result = store.commit(Txn.builder().put("a", bytes("one")).build());

    assertThat(result).isEqualTo(new TxnResult(true, 1));
    assertThat(store.get("a")).contains(new KeyValue("a", bytes("one"), 1, 1, 1));
  }

  @Test
  void everySuccessfulTransactionTakesTheNextRevision() {
    for (int i = 1; i <= 5; i++) {
      assertThat(put("k" + i, "v").revision()).isEqualTo(i);
      assertThat(store.revision()).isEqualTo(i);
    }
  }

  @Test
  void keysTrackTheirCreateRevisionModRevisionAndVersion() {
    put("a", "1");
    put("b", "1");
    put("a", "2");
    assertThat(store.get("a")).contains(new KeyValue("a", bytes("2"), 1, 3, 2));

    delete("a");
    assertThat(store.get("a")).isEmpty();
    put("a", "3");
    assertThat(store.get("a")).contains(new KeyValue("a", bytes("3"), 5, 5, 1));
    assertThat(store.get("b")).contains(new KeyValue("b", bytes("1"), 2, 2, 1));
  }

  @Test
  void absentHoldsOnlyWhileTheKeyIsMissing() {
    Txn create = Txn.builder().absent("a").put("a", bytes("first")).build();
    assertThat(store.commit(create)).isEqualTo(new TxnResult(true, 1));

    Txn again = Txn.builder().absent("a").put("a", bytes("second")).build();
    assertThat(store.commit(again)).isEqualTo(new TxnResult(false, 1));
    assertThat(value("a")).isEqualTo("first");
    assertThat(store.revision()).isEqualTo(1);
  }

  @Test
  void modRevisionIsHoldsOnlyForTheExactRevisionOfAnExistingKey() {
    put("a", "1");
    put("other", "x");

    assertThat(store.commit(Txn.builder().modRevisionIs("a", 2).put("a", bytes("no")).build()).succeeded()).isFalse();
    assertThat(store.commit(Txn.builder().modRevisionIs("a", 1).put("a", bytes("yes")).build()))
        .isEqualTo(new TxnResult(true, 3));
    assertThat(store.commit(Txn.builder().modRevisionIs("a", 1).put("a", bytes("stale")).build()))
        .isEqualTo(new TxnResult(false, 3));
    assertThat(store.commit(Txn.builder().modRevisionIs("missing", 1).put("missing", bytes("no")).build()).succeeded()).isFalse();
    assertThat(store.commit(Txn.builder().modRevisionIs("missing", 0).put("missing", bytes("no")).build()).succeeded()).isFalse();
    assertThat(value("a")).isEqualTo("yes");
    assertThat(store.get("missing")).isEmpty();
  }

  @Test
  void unchangedSinceZeroMeansAbsent() {
    assertThat(store.commit(Txn.builder().unchangedSince("a", 0).put("a", bytes("1")).build()).succeeded()).isTrue();
    assertThat(store.commit(Txn.builder().unchangedSince("a", 0).put("a", bytes("2")).build()).succeeded()).isFalse();
    assertThat(store.commit(Txn.builder().unchangedSince("a", 1).put("a", bytes("3")).build()).succeeded()).isTrue();
  }

  @Test
  void aTransactionWithOneFailingConditionWritesNothing() {
    put("a", "1");
    put("b", "1");
    Txn txn = Txn.builder()
        .modRevisionIs("a", 1)
        .modRevisionIs("b", 1) // b is at 2: fails
        .put("a", bytes("2"))
        .put("c", bytes("2"))
        .delete("b")
        .build();

    assertThat(store.commit(txn)).isEqualTo(new TxnResult(false, 2));
    assertThat(store.revision()).isEqualTo(2);
    assertThat(store.range("")).extracting(KeyValue::key).containsExactly("a", "b");
    assertThat(value("a")).isEqualTo("1");
  }

  @Test
  void aMultiOperationTransactionAppliesEverythingUnderOneRevision() {
    put("gone", "x");
    Txn txn = Txn.builder().absent("a").put("a", bytes("1")).put("b", bytes("2")).delete("gone").build();

    assertThat(store.commit(txn)).isEqualTo(new TxnResult(true, 2));
    assertThat(store.range("")).containsExactly(
        new KeyValue("a", bytes("1"), 2, 2, 1),
        new KeyValue("b", bytes("2"), 2, 2, 1));
  }

  @Test
  void deleteRemovesTheKeyAndDeletingAMissingKeyChangesNothing() {
    put("a", "1");
    assertThat(delete("a")).isEqualTo(new TxnResult(true, 2));
    assertThat(store.get("a")).isEmpty();

    // like etcd: a transaction that changes nothing succeeds without taking a revision
    assertThat(delete("a")).isEqualTo(new TxnResult(true, 2));
    assertThat(store.revision()).isEqualTo(2);
  }

  @Test
  void aTransactionMayNotWriteOneKeyTwice() {
    Txn txn = Txn.builder().put("a", bytes("1")).delete("a").build();

    assertThatThrownBy(() -> store.commit(txn)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.revision()).isZero();
    assertThat(store.get("a")).isEmpty();
  }

  @Test
  void keysMustBeNonEmptyAndWellFormed() {
    assertThatThrownBy(() -> put("", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> put("bad\uD800", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.revision()).isZero();
  }

  @Test
  void emptyValuesRoundTrip() {
    store.commit(Txn.builder().put("a", new byte[0]).build());
    assertThat(store.get("a").orElseThrow().value()).isEmpty();
  }

  @Test
  void valuesAreCopiedOnTheWayIn() {
    byte[] value = bytes("original");
    Txn txn = Txn.builder().put("a", value).build();
    store.commit(txn);

    value[0] = 'X';
    assertThat(value("a")).isEqualTo("original");
  }

  @Test
  void rangeReturnsOnlyThePrefixInKeyOrder() {
    for (String key : List.of("a/bc", "a/b/1", "b", "a/b", "a/b/0", "a/a", "a/b/10")) {
      put(key, key);
    }

    assertThat(keys(store.range("a/b/"))).containsExactly("a/b/0", "a/b/1", "a/b/10");
    assertThat(keys(store.range("a/b"))).containsExactly("a/b", "a/b/0", "a/b/1", "a/b/10", "a/bc");
    assertThat(keys(store.range("a/bc"))).containsExactly("a/bc");
    assertThat(keys(store.range("a/c"))).isEmpty();
    assertThat(keys(store.range(""))).containsExactly("a/a", "a/b", "a/b/0", "a/b/1", "a/b/10", "a/bc", "b");
  }

  @Test
  void keysSortByCodePointLikeTheirUtf8Bytes() {
    String replacement = "k/\uFFFD";
    String emoji = "k/\uD83D\uDE00"; // U+1F600 sorts after U+FFFD in UTF-8 (not in UTF-16)
    put(emoji, "e");
    put(replacement, "r");

    assertThat(keys(store.range("k/"))).containsExactly(replacement, emoji);
  }

  @Test
  void rangeFromPagesThroughAPrefix() {
    for (String key : List.of("p/1", "p/2", "p/3", "p/4", "p/5", "q/1")) {
      put(key, key);
    }

    assertThat(keys(store.rangeFrom("p/", "", 2))).containsExactly("p/1", "p/2");
    assertThat(keys(store.rangeFrom("p/", "p/2", 2))).containsExactly("p/3", "p/4");
    assertThat(keys(store.rangeFrom("p/", "p/4", 2))).containsExactly("p/5");
    assertThat(keys(store.rangeFrom("p/", "p/5", 2))).isEmpty();
    assertThat(keys(store.rangeFrom("p/", "a", 10))).hasSize(5);
  }

  @Test
  void aReadAfterACommitReturnedSeesIt() {
    for (int i = 0; i < 50; i++) {
      TxnResult result = put("counter", Integer.toString(i));
      assertThat(value("counter")).isEqualTo(Integer.toString(i));
      assertThat(store.revision()).isGreaterThanOrEqualTo(result.revision());
    }
  }

  @Test
  void rangeSeesWholeTransactionsOnly() throws Exception {
    ExecutorService writer = Executors.newSingleThreadExecutor();
    AtomicBoolean done = new AtomicBoolean();
    try {
      Future<?> writes = writer.submit(() -> {
        for (int i = 0; i < 200; i++) {
          store.commit(Txn.builder().put("pair/1", bytes("" + i)).put("pair/2", bytes("" + i)).build());
        }
        done.set(true);
      });
      while (!done.get()) {
        List<KeyValue> pair = store.range("pair/");
        if (!pair.isEmpty()) {
          assertThat(pair).hasSize(2);
          assertThat(pair.get(0).modRevision()).isEqualTo(pair.get(1).modRevision());
          assertThat(pair.get(0).value()).isEqualTo(pair.get(1).value());
        }
      }
      writes.get();
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void concurrentCompareAndSetIncrementsLoseNoUpdate() throws Exception {
    int threads = 16;
    int incrementsEach = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          for (int i = 0; i < incrementsEach; i++) {
            incrementCounter("counter");
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    KeyValue counter = store.get("counter").orElseThrow();
    assertThat(new String(counter.value(), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(threads * incrementsEach));
    assertThat(counter.version()).isEqualTo(threads * incrementsEach);
    assertThat(store.revision()).isEqualTo(threads * incrementsEach);
  }

  // ---- watches

  @Test
  void aWatchReplaysChangesAfterAPastRevisionThenFollowsLiveOnes() {
    put("w/a", "1");
    put("w/b", "1");
    delete("w/a");
    RecordingListener listener = new RecordingListener();

    try (Watch watch = store.watch("w/", 1, listener)) {
      assertThat(describe(listener.take(2))).containsExactly("PUT w/b @2 c2 v1 1", "DELETE w/a @3");

      put("w/b", "2");
      store.commit(Txn.builder().put("w/c", bytes("1")).delete("w/b").build());
      assertThat(describe(listener.take(3)))
          .containsExactly("PUT w/b @4 c2 v2 2", "PUT w/c @5 c5 v1 1", "DELETE w/b @5");
      assertThat(listener.lastThread()).isNotSameAs(Thread.currentThread());
    }
  }

  @Test
  void aWatchSeesOnlyItsPrefix() {
    RecordingListener listener = new RecordingListener();
    try (Watch watch = store.watch("a/b/", store.revision(), listener)) {
      put("a/bc", "neighbour");
      put("a/b", "parent");
      put("a/b/1", "child");
      put("b/1", "elsewhere");
      put("a/b/2", "child");

      assertThat(describe(listener.take(2))).containsExactly("PUT a/b/1 @3 c3 v1 child", "PUT a/b/2 @5 c5 v1 child");
      listener.assertNothingWithin(Duration.ofMillis(100));
    }
  }

  @Test
  void aWatchStartedDuringCommitsGetsEveryLaterChangeExactlyOnce() throws Exception {
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> writes = writer.submit(() -> {
        for (int i = 0; i < 200; i++) {
          put("race/" + (i % 7), "" + i);
        }
      });
      while (store.revision() < 50) {
        Thread.onSpinWait();
      }
      long start = store.revision();
      RecordingListener listener = new RecordingListener();
      try (Watch watch = store.watch("race/", start, listener)) {
        writes.get();
        List<WatchEvent> events = listener.take((int) (200 - start));
        for (int i = 0; i < events.size(); i++) {
          assertThat(events.get(i).kv().modRevision()).isEqualTo(start + 1 + i);
        }
        listener.assertNothingWithin(Duration.ofMillis(100));
      }
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void closingAWatchStopsDelivery() {
    RecordingListener closed = new RecordingListener();
    RecordingListener open = new RecordingListener();
    try (Watch sentinel = store.watch("w/", 0, open)) {
      Watch watch = store.watch("w/", 0, closed);
      put("w/1", "before");
      assertThat(closed.take(1)).hasSize(1);

      watch.close();
      watch.close(); // idempotent
      put("w/2", "after");
      assertThat(open.take(2)).hasSize(2);
      closed.assertNothingWithin(Duration.ofMillis(200));
    }
  }

  @Test
  void aWatchFromACompactedRevisionFails() {
    for (int i = 1; i <= 5; i++) {
      put("c/" + i, "x");
    }
    compact(store, 3);

    assertThatThrownBy(() -> store.watch("c/", 0, new RecordingListener())).isInstanceOf(CompactedException.class);
    assertThatThrownBy(() -> store.watch("c/", 1, new RecordingListener())).isInstanceOf(CompactedException.class);

    RecordingListener fromNow = new RecordingListener();
    try (Watch watch = store.watch("c/", store.revision(), fromNow)) {
      put("c/6", "x");
      assertThat(describe(fromNow.take(1))).containsExactly("PUT c/6 @6 c6 v1 x");
    }
  }

  // ---- lifecycle and durability

  @Test
  void closeIsIdempotentAndEveryLaterCallFails() {
    put("a", "1");
    store.close();
    store.close();

    assertThatThrownBy(() -> put("b", "1")).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.get("a")).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.range("")).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.revision()).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.watch("", 0, new RecordingListener())).isInstanceOf(StoreException.class);
  }

  @Test
  void reopeningKeepsKeysVersionsAndTheRevision() {
    put("a", "1");
    put("a", "2");
    put("b", "1");
    put("gone", "1");
    delete("gone");
    List<KeyValue> before = store.range("");

    store = reopen(store);

    assertThat(store.revision()).isEqualTo(5);
    assertThat(store.range("")).isEqualTo(before);
    assertThat(put("a", "3")).isEqualTo(new TxnResult(true, 6));
    assertThat(store.get("a")).contains(new KeyValue("a", bytes("3"), 1, 6, 3));
    assertThat(store.get("gone")).isEmpty();
  }

  // ---- random transactions against the model (jqwik)

  @Property(tries = 40)
  void randomTransactionsMatchTheModel(@ForAll("txnScripts") List<TxnScripts.Spec> specs) {
    KvStore s = newStore();
    try {
      KvModel model = new KvModel(s.revision());
      RecordingListener listener = new RecordingListener();
      try (Watch watch = s.watch("m/", s.revision(), listener)) {
        for (TxnScripts.Spec spec : specs) {
          Txn txn = TxnScripts.toTxn(spec, model);
          assertThat(s.commit(txn)).as("result of %s", spec).isEqualTo(model.apply(txn));
          assertThat(s.revision()).isEqualTo(model.revision());
        }
        for (String key : TxnScripts.KEYS) {
          assertThat(s.get(key)).isEqualTo(model.get(key));
        }
        assertThat(s.range("")).isEqualTo(model.range(""));
        assertThat(s.range("m/b")).isEqualTo(model.range("m/b"));
        List<WatchEvent> expected = model.events("m/");
        assertThat(describe(listener.take(expected.size()))).isEqualTo(describe(expected));
        listener.assertNothingWithin(Duration.ZERO);
      }
    } finally {
      s.close();
    }
  }

  @Provide
  Arbitrary<List<TxnScripts.Spec>> txnScripts() {
    return TxnScripts.scripts();
  }

  // ---- helpers

  protected TxnResult put(String key, String value) {
    return store.commit(Txn.builder().put(key, bytes(value)).build());
  }

  protected TxnResult delete(String key) {
    return store.commit(Txn.builder().delete(key).build());
  }

  protected String value(String key) {
    return new String(store.get(key).orElseThrow().value(), StandardCharsets.UTF_8);
  }

  protected static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static List<String> keys(List<KeyValue> kvs) {
    return kvs.stream().map(KeyValue::key).toList();
  }

  private void incrementCounter(String key) {
    while (true) {
      KeyValue current = store.get(key).orElse(null);
      long modRevision = current == null ? 0 : current.modRevision();
      int next = current == null ? 1 : Integer.parseInt(new String(current.value(), StandardCharsets.UTF_8)) + 1;
      Txn txn = Txn.builder().unchangedSince(key, modRevision).put(key, bytes(Integer.toString(next))).build();
      if (store.commit(txn).succeeded()) {
        return;
      }
    }
  }
}
