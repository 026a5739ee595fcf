package io.gantry.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.gantry.store.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects one leader among the replicas campaigning on the same key, and gives the leader the
 * revision to fence its writes with. Thread-safe; one daemon thread campaigns and renews.
 *
 * <p>The leader is whoever created the election key, attached to its etcd lease. Every third of
 * the lease's time to live the thread renews the lease and checks the key is still its own; if
 * either fails it steps down. A replica that is not leader tries to create the key each round.
 * A lease is not a safe lock on its own (a paused leader may still believe it leads), so every
 * write a leader makes must carry {@code Txn.modRevisionIs(key, fencingRevision())}: once the
 * key has expired or been taken over, such a write fails instead of overwriting a newer leader.
 */
public final class EtcdLeadership implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EtcdLeadership.class);

  private final Client client;
  private final ByteSequence key;
  private final ByteSequence candidate;
  private final Duration ttl;
  private final Duration timeout;
  private final Thread thread;
  private volatile long lease; // 0: none
  private volatile long fencingRevision; // 0: not leader
  private volatile boolean closed;

  private EtcdLeadership(Client client, String key, String candidate, Duration ttl, Duration timeout) {
    this.client = client;
    this.key = EtcdCodec.key(Keys.requireValid(key));
    this.candidate = EtcdCodec.key(candidate);
    this.ttl = ttl;
    this.timeout = timeout;
    this.thread = new Thread(this::run, "gantry-etcd-leadership");
    this.thread.setDaemon(true);
  }

  /**
   * Starts campaigning for {@code key} on {@code store}'s cluster as {@code candidate} (a name
   * for logs and operators, stored as the key's value), with a lease of {@code ttl} (whole
   * seconds, at least 2).
   */
  public static EtcdLeadership campaign(EtcdKvStore store, String key, String candidate, Duration ttl) {
    if (ttl.toSeconds() < 2) {
      throw new IllegalArgumentException("ttl must be at least 2 seconds: " + ttl);
    }
    EtcdLeadership leadership = new EtcdLeadership(store.client(), key, candidate, ttl, ttl.dividedBy(3));
    leadership.thread.start();
    return leadership;
  }

  /** The store revision at which this replica's leadership key was written, while it leads. */
  public OptionalLong fencingRevision() {
    long r = fencingRevision;
    return r == 0 ? OptionalLong.empty() : OptionalLong.of(r);
  }

  public boolean isLeader() {
    return fencingRevision != 0;
  }

  /** Stops campaigning and, when leading, resigns: revoking the lease deletes the key. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(timeout.toMillis() * 3);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    fencingRevision = 0;
    dropLease();
  }

  private void run() {
    while (!closed) {
      try {
        round();
      } catch (Exception e) {
        if (closed) {
          return;
        }
        if (fencingRevision != 0) {
          log.warn("stepping down as leader on {}: {}", EtcdCodec.key(key), e.toString());
        }
        fencingRevision = 0;
        dropLease();
      }
      try {
        Thread.sleep(ttl.toMillis() / 3);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One campaign or renewal; throws when the lease or the key cannot be confirmed. */
  private void round() throws Exception {
    if (lease == 0) {
      lease = client.getLeaseClient().grant(ttl.toSeconds()).get(timeout.toMillis(), TimeUnit.MILLISECONDS).getID();
    } else if (client.getLeaseClient().keepAliveOnce(lease).get(timeout.toMillis(), TimeUnit.MILLISECONDS).getTTL() <= 0) {
      throw new IllegalStateException("the lease expired");
    }
    TxnResponse r = client.getKVClient().txn()
        .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
        .Then(Op.put(key, candidate, PutOption.builder().withLeaseId(lease).build()))
        .Else(Op.get(key, io.etcd.jetcd.options.GetOption.DEFAULT))
        .commit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (r.isSucceeded()) {
      fencingRevision = EtcdCodec.fromEtcdRevision(r.getHeader().getRevision());
      log.info("leader on {} at revision {}", EtcdCodec.key(key), fencingRevision);
      return;
    }
    // the key exists: still ours when it carries our lease (and was written when we won)
    io.etcd.jetcd.KeyValue holder = r.getGetResponses().get(0).getKvs().get(0);
    long ours = holder.getLease() == lease ? EtcdCodec.fromEtcdRevision(holder.getModRevision()) : 0;
    if (ours == 0 && fencingRevision != 0) {
      log.warn("lost leadership on {}: the key is held by {}", EtcdCodec.key(key),
          holder.getValue().toString(StandardCharsets.UTF_8));
    }
    fencingRevision = ours;
  }

  private void dropLease() {
    long l = lease;
    lease = 0;
    if (l != 0) {
      try {
        client.getLeaseClient().revoke(l).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        // it expires on its own within the ttl
      }
    }
  }
}
