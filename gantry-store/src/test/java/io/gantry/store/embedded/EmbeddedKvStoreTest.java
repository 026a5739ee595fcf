package io.gantry.store.embedded;

import static io.gantry.store.RecordingListener.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.gantry.store.CompactedException;
import io.gantry.store.KeyValue;
import io.gantry.store.KvStore;
import io.gantry.store.KvStoreContract;
import io.gantry.store.RecordingListener;
import io.gantry.store.StoreException;
import io.gantry.store.Txn;
import io.gantry.store.Watch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Runs the store contract against the embedded store, plus what only the embedded store promises. */
@SuppressWarnings("try") // try-with-resources scopes watches the body never names
class EmbeddedKvStoreTest extends KvStoreContract {
  static {
    QuietLogs.install();
  }

  private final Map<KvStore, Path> dirs = new IdentityHashMap<>();

  @Override
  protected KvStore newStore() {
    return open(TestDirs.newDir(), EmbeddedStoreOptions.defaults());
  }

  @Override
  protected KvStore reopen(KvStore store) {
    store.close();
    return open(dirs.get(store), EmbeddedStoreOptions.defaults());
  }

  @Override
  protected void compact(KvStore store, long revision) {
    ((EmbeddedKvStore) store).compact(revision);
  }

  private EmbeddedKvStore open(Path dir, EmbeddedStoreOptions options) {
    EmbeddedKvStore opened = EmbeddedKvStore.open(dir, options);
    dirs.put(opened, dir);
    return opened;
  }

  private EmbeddedKvStore embedded() {
    return (EmbeddedKvStore) store;
  }

  @Test
  void historyAfterAReopenStartsAtTheLoadedRevision() {
    put("a", "1");
    put("a", "2");
    store = reopen(store);

    assertThatThrownBy(() -> store.watch("", 1, new RecordingListener()))
        .isInstanceOfSatisfying(CompactedException.class, e -> assertThat(e.compactedRevision()).isEqualTo(2));
    RecordingListener listener = new RecordingListener();
    try (Watch watch = store.watch("", 2, listener)) {
      put("a", "3");
      assertThat(describe(listener.take(1))).containsExactly("PUT a @3 c1 v3 3");
    }
  }

  @Test
  void historyKeepsAboutTheConfiguredNumberOfEventsInWholeRevisions() {
    store.close();
    store = open(TestDirs.newDir(), EmbeddedStoreOptions.defaults().withWatchHistoryEvents(4));
    for (int i = 1; i <= 6; i++) {
      put("h/" + i, "x"); // revisions 1..6, one event each
    }
    store.commit(Txn.builder().put("h/7a", bytes("x")).put("h/7b", bytes("x")).build()); // revision 7, two events

    // 8 events, at most 4 kept, whole revisions only: 5, 6 and 7 remain
    assertThatThrownBy(() -> store.watch("h/", 3, new RecordingListener()))
        .isInstanceOfSatisfying(CompactedException.class, e -> assertThat(e.compactedRevision()).isEqualTo(4));
    RecordingListener listener = new RecordingListener();
    try (Watch watch = store.watch("h/", 4, listener)) {
      assertThat(listener.take(4)).extracting(e -> e.kv().modRevision()).containsExactly(5L, 6L, 7L, 7L);
    }
  }

  @Test
  void theDatabaseHoldsOneRowPerKeyAndTheRevision() throws Exception {
    Path dir = dirs.get(store);
    put("a", "1");
    put("b", "1");
    put("a", "2");
    delete("b");
    store.close();

    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("store.db"));
        Statement st = db.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT key, value, create_rev, mod_rev, version FROM kv")) {
        assertThat(rs.next()).isTrue();
        assertThat(new KeyValue(rs.getString(1), rs.getBytes(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
            .isEqualTo(new KeyValue("a", bytes("2"), 1, 3, 2));
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = st.executeQuery("SELECT name, value FROM meta ORDER BY name")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1) + "=" + rs.getLong(2)).isEqualTo("revision=4");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1) + "=" + rs.getLong(2)).isEqualTo("schema_version=1");
      }
      try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
      }
    }
  }

  @Test
  void aDirectoryCanBeOpenOnlyOnceAtATime() {
    Path dir = dirs.get(store);
    assertThatThrownBy(() -> EmbeddedKvStore.open(dir)).isInstanceOf(StoreException.class)
        .hasMessageContaining("already open");
    assertThat(Files.exists(dir.resolve("store.db"))).isTrue();
  }

  @Test
  void concurrentCommitsShareFsyncs() throws Exception {
    int threads = 32;
    int commitsEach = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long syncsBefore = embedded().syncs();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        workers.add(pool.submit(() -> {
          for (int i = 0; i < commitsEach; i++) {
            assertThat(put("g/" + thread + "/" + i, "x").succeeded()).isTrue();
          }
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
    int commits = threads * commitsEach;
    assertThat(store.revision()).isEqualTo(commits);
    assertThat(store.range("g/")).hasSize(commits);
    assertThat(embedded().syncs() - syncsBefore).isLessThan(commits);
  }

  @Test
  void aSlowListenerDoesNotHoldUpCommitsOrOtherWatches() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RecordingListener slow = new RecordingListener();
    RecordingListener fast = new RecordingListener();
    try (Watch blocked = store.watch("", 0, event -> {
          awaitQuietly(release);
          slow.onEvent(event);
        });
        Watch other = store.watch("", 0, fast)) {
      for (int i = 0; i < 50; i++) {
        put("s/" + i, "x");
      }
      assertThat(fast.take(50)).hasSize(50);

      release.countDown();
      assertThat(slow.take(50)).extracting(e -> e.kv().modRevision()).isSorted().hasSize(50);
    }
  }

  @Test
  void aListenerThatThrowsIsLoggedAndKeepsGettingEvents() {
    Logger logger = (Logger) LoggerFactory.getLogger(QueuedWatch.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setAdditive(false);
    try {
      RecordingListener after = new RecordingListener();
      try (Watch watch = store.watch("", 0, event -> {
        after.onEvent(event);
        if (!event.kv().key().equals("c")) {
          throw new IllegalStateException("listener bug");
        }
      })) {
        put("a", "1");
        put("b", "1");
        put("c", "1");
        assertThat(after.take(3)).hasSize(3); // one event at a time: a and b are logged by now
      }
      assertThat(appender.list).hasSize(2)
          .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("delivery continues"));
    } finally {
      logger.detachAppender(appender);
      logger.setAdditive(true);
    }
  }

  @Test
  void watchEventsArriveOnStoreThreads() {
    RecordingListener listener = new RecordingListener();
    try (Watch watch = store.watch("", 0, listener)) {
      put("a", "1");
      listener.take(1);
      assertThat(listener.lastThread().getName()).startsWith("gantry-store-watch-");
    }
  }

  @Test
  void closeWaitsForQueuedCommits() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> commits = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String key = "q/" + i;
        commits.add(pool.submit(() -> {
          try {
            return put(key, "x").succeeded();
          } catch (StoreException closed) {
            return false;
          }
        }));
      }
      Thread.sleep(5);
      Path dir = dirs.get(store);
      store.close();
      int acknowledged = 0;
      for (Future<Boolean> commit : commits) {
        acknowledged += commit.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      store = open(dir, EmbeddedStoreOptions.defaults());
      assertThat(store.range("q/")).hasSizeGreaterThanOrEqualTo(acknowledged);
      assertThat(store.revision()).isEqualTo(store.range("q/").size());
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(RecordingListener.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
