package io.gantry.agent.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How long stopped tasks' containers are kept before they are removed (ECS's
 * {@code ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION}, 3 h by default), and how often the engine
 * re-examines its tasks for time-based work (dependency start timeouts, due clean-ups, retries
 * after a runtime error). Immutable.
 */
public record TaskEngineConfig(Duration cleanupDelay, Duration tickInterval) {
  public static final Duration DEFAULT_CLEANUP_DELAY = Duration.ofHours(3);
  public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofSeconds(1);

  public TaskEngineConfig {
    Objects.requireNonNull(cleanupDelay, "cleanupDelay");
    Objects.requireNonNull(tickInterval, "tickInterval");
    if (cleanupDelay.isNegative()) {
      throw new IllegalArgumentException("cleanupDelay must not be negative");
    }
    if (tickInterval.isNegative() || tickInterval.isZero()) {
      throw new IllegalArgumentException("tickInterval must be positive");
    }
  }

  /** 3 h clean-up delay, 1 s tick. */
  public static TaskEngineConfig defaults() {
    return new TaskEngineConfig(DEFAULT_CLEANUP_DELAY, DEFAULT_TICK_INTERVAL);
  }

  public TaskEngineConfig withCleanupDelay(Duration delay) {
    return new TaskEngineConfig(delay, tickInterval);
  }

  public TaskEngineConfig withTickInterval(Duration interval) {
    return new TaskEngineConfig(cleanupDelay, interval);
  }
}
