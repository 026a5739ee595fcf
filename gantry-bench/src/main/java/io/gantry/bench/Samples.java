package io.gantry.bench;

import java.util.Arrays;
import java.util.List;

/**
 * A finished set of timings in milliseconds, sorted once. Percentiles are nearest-rank, so with
 * fewer than 100 samples p99 is the largest one. Immutable.
 */
record Samples(double[] sorted) {
  Samples {
    sorted = sorted.clone();
    Arrays.sort(sorted);
  }

  static Samples of(List<Double> millis) {
    return new Samples(millis.stream().mapToDouble(Double::doubleValue).toArray());
  }

  int count() {
    return sorted.length;
  }

  double median() {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** Nearest-rank percentile {@code p} (0 < p ≤ 100). */
  double percentile(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  double min() {
    return sorted.length == 0 ? Double.NaN : sorted[0];
  }
}
