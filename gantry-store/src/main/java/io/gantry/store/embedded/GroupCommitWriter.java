package io.gantry.store.embedded;

import io.gantry.store.KeyValue;
import io.gantry.store.StoreException;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes: takes every queued transaction, evaluates them in order, makes the
 * successful ones durable in one SQLite transaction (one fsync), then publishes them to memory
 * and answers the callers in order. Callers block in {@link #commit}; the writer thread owns the
 * {@link SqliteFile} and is the only thread that changes the in-memory state.
 *
 * <p>After a write fails the writer stops writing (fail-stop): memory and disk may disagree
 * about the failed batch, so every later commit fails until the store is reopened from disk.
 */
final class GroupCommitWriter {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

  /** Where the writer reads committed state and publishes each durable batch. */
  interface Target {
    long revision();

    KeyValue get(String key);

    /** Called on the writer thread after the batch is durable, before any caller is answered. */
    void publish(Batch batch);
  }

  private record Pending(Txn txn, CompletableFuture<TxnResult> result) {}

  private static final Pending STOP = new Pending(null, null);

  private final SqliteFile file;
  private final Target target;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Object enqueueLock = new Object();
  private final Thread thread;
  private final AtomicLong syncs = new AtomicLong();
  private boolean stopping; // guarded by enqueueLock
  private volatile StoreException failure;

  GroupCommitWriter(SqliteFile file, Target target, int maxBatch, ThreadFactory threads) {
    this.file = file;
    this.target = target;
    this.maxBatch = maxBatch;
    this.thread = threads.newThread(this::run);
    thread.setName("gantry-store-writer");
  }

  void start() {
    thread.start();
  }

  /** Queues {@code txn} (already validated and copied) and waits until it is durable or refused. */
  TxnResult commit(Txn txn) {
    CompletableFuture<TxnResult> result = new CompletableFuture<>();
    synchronized (enqueueLock) {
      StoreException failed = failure;
      if (failed != null) {
        throw new StoreException("the store stopped writing after an earlier failure; the transaction was not applied", failed);
      }
      if (stopping) {
        throw new StoreException("the store is closed; the transaction was not applied");
      }
      queue.add(new Pending(txn, result));
    }
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StoreException se
          ? new StoreException(se.getMessage(), se) // thrown again so the caller's stack shows too
          : new StoreException("commit failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for the commit; the transaction may or may not have been applied", e);
    }
  }

  /** How many SQLite commits (fsyncs) the writer has made; for tests and metrics. */
  long syncs() {
    return syncs.get();
  }

  /** Stops taking transactions, finishes those already queued, stops the thread and closes the file. */
  void stop() {
    synchronized (enqueueLock) {
      if (!stopping) {
        stopping = true;
        queue.add(STOP);
      }
    }
    boolean interrupted = false;
    while (thread.isAlive() && thread != Thread.currentThread()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    try {
      while (true) {
        batch.add(queue.take());
        queue.drainTo(batch, maxBatch - 1);
        boolean stop = batch.remove(STOP); // STOP is queued last, so it ends the final batch
        process(batch);
        batch.clear();
        if (stop) {
          return;
        }
      }
    } catch (InterruptedException e) {
      log.error("store writer interrupted; the store stops writing until it is reopened");
      failure = new StoreException("the store writer was interrupted; the transaction was not applied");
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      log.error("store writer died; the store stops writing until it is reopened", e);
      failure = new StoreException("the store writer died: " + e + "; the transaction may or may not have been applied", e);
      fail(batch, failure);
      throw e;
    } finally {
      file.close();
      synchronized (enqueueLock) {
        stopping = true; // nothing can be queued any more, so nothing is left waiting
        List<Pending> left = new ArrayList<>(queue);
        queue.clear();
        fail(left, failure != null ? failure : new StoreException("the store is closed; the transaction was not applied"));
      }
    }
  }

  private void process(List<Pending> pending) {
    if (failure != null) {
      fail(pending, new StoreException("the store stopped writing after an earlier failure; the transaction was not applied", failure));
      return;
    }
    Batch batch = new Batch(target.revision(), target::get);
    List<TxnResult> results = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      results.add(batch.apply(p.txn()));
    }
    if (batch.hasChanges()) {
      try {
        file.write(batch.changes(), batch.revision());
        syncs.incrementAndGet();
      } catch (Exception e) {
        log.error("cannot write to the store database; the store stops writing until it is reopened", e);
        failure = new StoreException("cannot write to the store database: " + e.getMessage()
            + "; the transaction may or may not have been applied", e);
        fail(pending, failure);
        return;
      }
      target.publish(batch);
    }
    for (int i = 0; i < pending.size(); i++) {
      pending.get(i).result().complete(results.get(i));
    }
  }

  private static void fail(List<Pending> pending, StoreException e) {
    for (Pending p : pending) {
      if (p != STOP) {
        p.result().completeExceptionally(e);
      }
    }
  }
}
