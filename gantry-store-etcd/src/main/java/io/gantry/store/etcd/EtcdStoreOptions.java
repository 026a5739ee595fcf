package io.gantry.store.etcd;

import java.time.Duration;

/**
 * Tuning for an {@link EtcdKvStore}; an immutable value.
 *
 * @param requestTimeout how long one read or transaction may take, waiting for a connection
 *     included; a transaction that times out reports an unknown outcome
 * @param watchRetryDelay how long a watch whose stream broke waits before it re-watches from
 *     the revision after the last event it delivered
 */
public record EtcdStoreOptions(Duration requestTimeout, Duration watchRetryDelay) {

  public EtcdStoreOptions {
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
    if (watchRetryDelay.isNegative()) {
      throw new IllegalArgumentException("watchRetryDelay must not be negative: " + watchRetryDelay);
    }
  }

  public static EtcdStoreOptions defaults() {
    return new EtcdStoreOptions(Duration.ofSeconds(10), Duration.ofMillis(500));
  }

  public EtcdStoreOptions withRequestTimeout(Duration timeout) {
    return new EtcdStoreOptions(timeout, watchRetryDelay);
  }

  public EtcdStoreOptions withWatchRetryDelay(Duration delay) {
    return new EtcdStoreOptions(requestTimeout, delay);
  }
}
