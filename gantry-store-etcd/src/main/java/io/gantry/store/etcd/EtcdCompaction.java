package io.gantry.store.etcd;

import io.etcd.jetcd.KV;
import io.etcd.jetcd.options.GetOption;
import io.gantry.store.CompactedException;
import io.gantry.store.StoreException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tells a new watch's caller, before {@code watch} returns, whether etcd still has the history
 * the watch starts from. Stateless and thread-safe; blocks the calling thread.
 *
 * <p>etcd reports compaction to a watch asynchronously (after creating it, when it catches the
 * watcher up), but the store contract throws {@link CompactedException} from {@code watch}
 * itself. A range read at the watch's first revision fails exactly when the watch would (both
 * need {@code first >= compacted revision}); the compacted revision itself, which the read's
 * error does not carry, comes from the watch's own cancellation. A compaction that lands after
 * this check is reported by the running watch (see {@link EtcdWatch}).
 */
final class EtcdCompaction {
  private EtcdCompaction() {}

  /**
   * Returns when {@code watch}, which starts at etcd revision {@code first}, has its history;
   * otherwise closes it and throws.
   *
   * @throws CompactedException when etcd has compacted revisions the watch needs
   */
  static void check(KV kv, EtcdWatch watch, long first, Duration timeout) {
    try {
      GetOption atFirst = GetOption.builder().withCountOnly(true).withRevision(first).build();
      kv.get(EtcdCodec.rangeStart(""), atFirst).get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      String message = String.valueOf(e.getCause().getMessage());
      if (message.contains("future revision")) {
        return; // watching from the current revision or later: nothing to replay, nothing lost
      }
      if (message.contains("compacted")) {
        long through = compactedThrough(watch, first, timeout); // before close, which mutes the watch
        watch.close();
        throw new CompactedException(through);
      }
      watch.close();
      throw new StoreException("etcd request failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      watch.close();
      throw new StoreException("no answer from etcd within " + timeout, e);
    } catch (InterruptedException e) {
      watch.close();
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while starting a watch", e);
    }
  }

  /**
   * The store revision through which history is gone: etcd keeps its compacted revision and
   * forgets what came before, so the store's "compacted through" is one below it.
   */
  private static long compactedThrough(EtcdWatch watch, long first, Duration timeout) {
    long etcdCompacted;
    try {
      etcdCompacted = watch.compacted().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      etcdCompacted = first + 1; // at least this much is gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      etcdCompacted = first + 1;
    }
    return EtcdCodec.fromEtcdRevision(etcdCompacted) - 1;
  }
}
