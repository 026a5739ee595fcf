package io.gantry.server.services;

import java.time.Duration;

/** The earlier of two optional delays (null: none). Pure. */
final class Durations {
  private Durations() {}

  static Duration min(Duration a, Duration b) {
    return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
  }
}
