package io.gantry.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.options.GetOption;
import io.gantry.store.CompactedException;
import io.gantry.store.KeyValue;
import io.gantry.store.Keys;
import io.gantry.store.KvStore;
import io.gantry.store.StoreException;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import io.gantry.store.Watch;
import io.gantry.store.WatchListener;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The store contract on an etcd cluster (v3 API, through jetcd): every {@link #commit} is one
 * etcd transaction, reads are linearizable, and watches are etcd watches. Thread-safe: every
 * method may be called from any thread; calls block the caller until etcd answers or the request
 * timeout passes, and watch events arrive on the store's delivery threads.
 *
 * <p>Revisions are etcd's minus one and versions are etcd's (see {@link EtcdCodec}); how each
 * condition becomes an etcd compare is in {@link TxnMapping}. A commit is never retried: when
 * its answer is lost (timeout, broken connection) it throws a {@link StoreException} that says
 * the transaction may or may not have been applied.
 */
public final class EtcdKvStore implements KvStore {
  private static final int READ_ATTEMPTS = 4;
  /** Keys per request when {@link #range} pages through a large prefix, all at one revision. */
  static final int RANGE_PAGE = 1_000;

  private final Client client;
  private final KV kv;
  private final EtcdStoreOptions options;
  private final ExecutorService delivery;
  private final ScheduledExecutorService retries;
  private final Set<EtcdWatch> watches = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private EtcdKvStore(Client client, EtcdStoreOptions options, ThreadFactory threads) {
    this.client = client;
    this.kv = client.getKVClient();
    this.options = options;
    this.delivery = Executors.newCachedThreadPool(named(threads, "gantry-etcd-watch-"));
    this.retries = Executors.newSingleThreadScheduledExecutor(named(threads, "gantry-etcd-watch-retry-"));
  }

  /** A store on the etcd cluster at {@code endpoints} (e.g. {@code http://127.0.0.1:2379}), default options. */
  public static EtcdKvStore connect(List<URI> endpoints) {
    return connect(endpoints, EtcdStoreOptions.defaults());
  }

  public static EtcdKvStore connect(List<URI> endpoints, EtcdStoreOptions options) {
    return connect(endpoints, options, Executors.defaultThreadFactory());
  }

  /**
   * A store on the etcd cluster at {@code endpoints}; watch events are delivered on threads from
   * {@code threads}. Connecting is lazy: an unreachable cluster shows up as failing calls.
   */
  public static EtcdKvStore connect(List<URI> endpoints, EtcdStoreOptions options, ThreadFactory threads) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one etcd endpoint is needed");
    }
    Client client = Client.builder()
        .endpoints(endpoints.toArray(URI[]::new))
        .interceptor(new UnaryDeadline(options.requestTimeout()))
        .retryMaxDuration(options.requestTimeout()) // reads only: transactions are never retried
        .build();
    return new EtcdKvStore(client, options, threads);
  }

  /** The jetcd client, for {@link EtcdLeadership} on the same connection. */
  Client client() {
    ensureOpen();
    return client;
  }

  @Override
  public long revision() {
    ensureOpen();
    GetResponse r = read(() -> kv.get(EtcdCodec.rangeStart(""), GetOption.builder().withCountOnly(true).build()));
    return EtcdCodec.fromEtcdRevision(r.getHeader().getRevision());
  }

  @Override
  public Optional<KeyValue> get(String key) {
    ensureOpen();
    GetResponse r = read(() -> kv.get(EtcdCodec.key(Keys.requireValid(key))));
    return r.getKvs().stream().findFirst().map(EtcdCodec::keyValue);
  }

  @Override
  public List<KeyValue> range(String prefix) {
    ensureOpen();
    Keys.requireValidPrefix(prefix);
    List<KeyValue> all = new ArrayList<>();
    ByteSequence from = EtcdCodec.rangeStart(prefix);
    long revision = 0; // the first page's revision; later pages are read at it too
    while (true) {
      GetResponse page = page(from, EtcdCodec.rangeEnd(prefix), RANGE_PAGE, revision);
      revision = page.getHeader().getRevision();
      page.getKvs().forEach(kv -> all.add(EtcdCodec.keyValue(kv)));
      if (!page.isMore() || page.getKvs().isEmpty()) {
        return all;
      }
      from = EtcdCodec.after(all.get(all.size() - 1).key());
    }
  }

  @Override
  public List<KeyValue> rangeFrom(String prefix, String startKeyExclusive, int limit) {
    ensureOpen();
    Keys.requireValidPrefix(prefix);
    Keys.requireValidPrefix(Objects.requireNonNull(startKeyExclusive, "startKeyExclusive"));
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    ByteSequence from = Keys.compare(startKeyExclusive, prefix) >= 0
        ? EtcdCodec.after(startKeyExclusive)
        : EtcdCodec.rangeStart(prefix);
    return page(from, EtcdCodec.rangeEnd(prefix), limit, 0).getKvs().stream().map(EtcdCodec::keyValue).toList();
  }

  @Override
  public TxnResult commit(Txn txn) {
    ensureOpen();
    TxnMapping mapping = TxnMapping.of(txn);
    CompletableFuture<TxnResponse> sent = kv.txn().If(mapping.compareArray()).Then(mapping.opArray()).commit();
    TxnResponse response;
    try {
      // the deadline interceptor fails the call after requestTimeout; this is only a backstop
      response = sent.get(options.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw CommitFailures.toStoreException(e.getCause());
    } catch (TimeoutException e) {
      throw CommitFailures.unknown("no answer from etcd within " + options.requestTimeout(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CommitFailures.unknown("interrupted while waiting for etcd", e);
    }
    return new TxnResult(response.isSucceeded(), EtcdCodec.fromEtcdRevision(response.getHeader().getRevision()));
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    ensureOpen();
    Keys.requireValidPrefix(prefix);
    Objects.requireNonNull(listener, "listener");
    if (afterRevision < 0) {
      throw new IllegalArgumentException("afterRevision must not be negative: " + afterRevision);
    }
    long first = EtcdCodec.toEtcdRevision(afterRevision) + 1;
    EtcdWatch watch = new EtcdWatch(client.getWatchClient(), prefix, first, listener, delivery, retries,
        options.watchRetryDelay(), watches::remove);
    watches.add(watch);
    watch.subscribe();
    if (closed) {
      watch.close();
      ensureOpen();
    }
    EtcdCompaction.check(kv, watch, first, options.requestTimeout());
    watch.running();
    return watch;
  }

  /**
   * Makes etcd forget the history of revisions up to and including {@code revision} (as far as
   * the current revision allows), so watches starting before it fail with {@link
   * CompactedException}. Keys' current values are kept. Production clusters usually compact on
   * their own ({@code --auto-compaction-retention}).
   */
  public void compact(long revision) {
    ensureOpen();
    long current = EtcdCodec.toEtcdRevision(revision());
    long target = Math.min(EtcdCodec.toEtcdRevision(revision) + 1, current);
    if (target > 1) {
      read(() -> kv.compact(target));
    }
  }

  /** Closes every watch and the connection; idempotent, may be called from a listener. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List.copyOf(watches).forEach(EtcdWatch::close);
    retries.shutdownNow();
    delivery.shutdown();
    client.close();
  }

  private GetResponse page(ByteSequence from, ByteSequence end, int limit, long etcdRevision) {
    // no sort option: etcd returns keys in byte order anyway, and asking for a sort makes it read
    // the whole range before applying the limit
    GetOption.Builder option = GetOption.builder().withRange(end).withLimit(limit);
    if (etcdRevision > 0) {
      option.withRevision(etcdRevision);
    }
    return read(() -> kv.get(from, option.build()));
  }

  /**
   * Runs a read. Reads change nothing, so one that fails on the transport (the connection was
   * dropped under it, the member is restarting) is sent again, up to {@link #READ_ATTEMPTS}
   * times with a short pause; writes never are (see {@link #commit}).
   */
  private <T> T read(Supplier<CompletableFuture<T>> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get().get(options.requestTimeout().toMillis() * 2 + 5_000, TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (attempt >= READ_ATTEMPTS || !transportFailure(e.getCause())) {
          throw new StoreException("etcd request failed: " + e.getCause(), e.getCause());
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100L * attempt));
      } catch (TimeoutException e) {
        throw new StoreException("no answer from etcd within " + options.requestTimeout(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for etcd", e);
      }
    }
  }

  /** A failure of the connection rather than an answer from etcd: UNAVAILABLE, or the channel closing under the call. */
  private static boolean transportFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StatusRuntimeException s) {
        Status.Code code = s.getStatus().getCode();
        String description = String.valueOf(s.getStatus().getDescription());
        return code == Status.Code.UNAVAILABLE || (code == Status.Code.UNKNOWN && description.contains("channel closed"));
      }
    }
    return false;
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("the etcd store is closed");
    }
  }

  private static ThreadFactory named(ThreadFactory threads, String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = threads.newThread(r);
      t.setName(prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
