package io.gantry.store.embedded;

/**
 * Tuning for an {@link EmbeddedKvStore}; an immutable value.
 *
 * @param watchHistoryEvents how many recent change events are kept in memory to replay to
 *     watches that start in the past; older starting points get a {@code CompactedException}
 * @param maxBatchTxns the most transactions one group commit (one fsync) carries
 * @param watchDeliveryThreads the most threads delivering watch events at once; a slow
 *     listener occupies one of them and never holds up commits
 */
public record EmbeddedStoreOptions(int watchHistoryEvents, int maxBatchTxns, int watchDeliveryThreads) {

  public EmbeddedStoreOptions {
    if (watchHistoryEvents < 0) {
      throw new IllegalArgumentException("watchHistoryEvents must not be negative: " + watchHistoryEvents);
    }
    if (maxBatchTxns < 1) {
      throw new IllegalArgumentException("maxBatchTxns must be positive: " + maxBatchTxns);
    }
    if (watchDeliveryThreads < 1) {
      throw new IllegalArgumentException("watchDeliveryThreads must be positive: " + watchDeliveryThreads);
    }
  }

  public static EmbeddedStoreOptions defaults() {
    return new EmbeddedStoreOptions(10_000, 1_000, 4);
  }

  public EmbeddedStoreOptions withWatchHistoryEvents(int events) {
    return new EmbeddedStoreOptions(events, maxBatchTxns, watchDeliveryThreads);
  }

  public EmbeddedStoreOptions withMaxBatchTxns(int txns) {
    return new EmbeddedStoreOptions(watchHistoryEvents, txns, watchDeliveryThreads);
  }

  public EmbeddedStoreOptions withWatchDeliveryThreads(int threads) {
    return new EmbeddedStoreOptions(watchHistoryEvents, maxBatchTxns, threads);
  }
}
