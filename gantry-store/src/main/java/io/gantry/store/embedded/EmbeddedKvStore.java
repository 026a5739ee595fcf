package io.gantry.store.embedded;

import io.gantry.store.KeyValue;
import io.gantry.store.Keys;
import io.gantry.store.KvStore;
import io.gantry.store.StoreException;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import io.gantry.store.Watch;
import io.gantry.store.WatchListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link KvStore}: every key in memory, every acknowledged transaction durable in
 * {@code store.db} (SQLite, WAL, {@code synchronous=FULL}) in its directory before
 * {@link #commit} returns.
 *
 * <p>Threading: any thread may call any method. Reads are served from memory and never wait
 * for the disk. Commits are handed to one writer thread that group-commits everything queued
 * with one fsync, then publishes the batch to memory and wakes the callers; it is the only
 * thread that changes state. Watch events are delivered by a small pool of store-owned
 * threads, one event at a time per watch. See {@code gantry-store/docs/concurrency.md}.
 */
public final class EmbeddedKvStore implements KvStore {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKvStore.class);

  private final Path dir;
  private final DirectoryLock directoryLock;
  private final NavigableMap<String, KeyValue> data;
  /** Write-locked while a batch is published, so reads see whole batches only. */
  private final StampedLock publishing = new StampedLock();
  private final ThreadPoolExecutor delivery;
  private final WatchHub hub;
  private final GroupCommitWriter writer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long revision;

  private EmbeddedKvStore(Path dir, DirectoryLock directoryLock, SqliteFile file,
      EmbeddedStoreOptions options, ThreadFactory threads) {
    this.dir = dir;
    this.directoryLock = directoryLock;
    SortedLoad loaded = new SortedLoad();
    this.revision = file.load(loaded::add);
    this.data = loaded.toMap();
    this.delivery = deliveryPool(options.watchDeliveryThreads(), threads);
    this.hub = new WatchHub(revision, options.watchHistoryEvents(), delivery);
    this.writer = new GroupCommitWriter(file, new Publisher(), options.maxBatchTxns(), threads);
  }

  /** Opens (creating when needed) the store in {@code dir} with default options and daemon threads. */
  public static EmbeddedKvStore open(Path dir) {
    return open(dir, EmbeddedStoreOptions.defaults());
  }

  public static EmbeddedKvStore open(Path dir, EmbeddedStoreOptions options) {
    return open(dir, options, EmbeddedKvStore::daemonThread);
  }

  /**
   * Opens (creating when needed) the store in {@code dir}, taking its writer and watch-delivery
   * threads from {@code threads}. Only one store at a time may have a directory open.
   *
   * @throws StoreException when the directory is in use or the database cannot be read
   */
  public static EmbeddedKvStore open(Path dir, EmbeddedStoreOptions options, ThreadFactory threads) {
    long started = System.nanoTime();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create the store directory " + dir, e);
    }
    DirectoryLock lock = DirectoryLock.acquire(dir);
    SqliteFile file = null;
    try {
      file = SqliteFile.open(dir);
      EmbeddedKvStore store = new EmbeddedKvStore(dir, lock, file, options, threads);
      store.writer.start();
      log.info("opened store {} at revision {} with {} keys in {} ms", dir, store.revision,
          store.data.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return store;
    } catch (RuntimeException e) {
      if (file != null) {
        file.close();
      }
      lock.release();
      throw e;
    }
  }

  @Override
  public long revision() {
    ensureOpen();
    return revision;
  }

  @Override
  public Optional<KeyValue> get(String key) {
    ensureOpen();
    Keys.requireValid(key);
    return Optional.ofNullable(consistently(() -> data.get(key)));
  }

  @Override
  public List<KeyValue> range(String prefix) {
    return rangeFrom(prefix, "", Integer.MAX_VALUE);
  }

  @Override
  public List<KeyValue> rangeFrom(String prefix, String startKeyExclusive, int limit) {
    ensureOpen();
    Keys.requireValidPrefix(prefix);
    Objects.requireNonNull(startKeyExclusive, "startKeyExclusive");
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    NavigableMap<String, KeyValue> from = Keys.compare(startKeyExclusive, prefix) >= 0
        ? data.tailMap(startKeyExclusive, false)
        : data.tailMap(prefix, true);
    return consistently(() -> {
      List<KeyValue> page = new ArrayList<>();
      for (Map.Entry<String, KeyValue> entry : from.entrySet()) {
        if (page.size() == limit || !entry.getKey().startsWith(prefix)) {
          break;
        }
        page.add(entry.getValue());
      }
      return page;
    });
  }

  @Override
  public TxnResult commit(Txn txn) {
    ensureOpen();
    return writer.commit(Batch.validatedCopy(txn));
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    ensureOpen();
    Keys.requireValidPrefix(prefix);
    Objects.requireNonNull(listener, "listener");
    try {
      return hub.watch(prefix, afterRevision, listener);
    } catch (IllegalStateException e) {
      throw new StoreException("the store is closed");
    }
  }

  /** Writes everything already queued, stops the threads and closes the database; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    writer.stop();
    hub.close();
    delivery.shutdown();
    directoryLock.release();
    log.info("closed store {} at revision {}", dir, revision);
  }

  /** Forgets watch history up to {@code upTo} (at most the current revision); for tests. */
  void compact(long upTo) {
    hub.compact(Math.min(upTo, revision));
  }

  /** How many group commits (fsyncs) this store has made since it was opened; for tests. */
  long syncs() {
    return writer.syncs();
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new StoreException("the store is closed");
    }
  }

  /** Runs a read so that it sees whole batches: optimistically first, under the read lock when a batch was published meanwhile. */
  private <T> T consistently(Supplier<T> read) {
    long stamp = publishing.tryOptimisticRead();
    if (stamp != 0) {
      T result = read.get();
      if (publishing.validate(stamp)) {
        return result;
      }
    }
    stamp = publishing.readLock();
    try {
      return read.get();
    } finally {
      publishing.unlockRead(stamp);
    }
  }

  /** The writer's view of this store; its methods run on the writer thread. */
  private final class Publisher implements GroupCommitWriter.Target {
    @Override
    public long revision() {
      return revision;
    }

    @Override
    public KeyValue get(String key) {
      return data.get(key);
    }

    @Override
    public void publish(Batch batch) {
      long stamp = publishing.writeLock();
      try {
        for (Map.Entry<String, KeyValue> change : batch.changes().entrySet()) {
          if (change.getValue() == null) {
            data.remove(change.getKey());
          } else {
            data.put(change.getKey(), change.getValue());
          }
        }
        revision = batch.revision();
      } finally {
        publishing.unlockWrite(stamp);
      }
      hub.publish(batch.events());
    }
  }

  private static ThreadPoolExecutor deliveryPool(int threads, ThreadFactory factory) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = factory.newThread(runnable);
          thread.setName("gantry-store-watch-" + count.incrementAndGet());
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static Thread daemonThread(Runnable runnable) {
    Thread thread = new Thread(runnable);
    thread.setDaemon(true);
    return thread;
  }
}
