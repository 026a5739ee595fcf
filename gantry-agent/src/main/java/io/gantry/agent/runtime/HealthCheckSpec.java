package io.gantry.agent.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A container health check: the test ({@code CMD …} or {@code CMD-SHELL …}), how often and how
 * long it runs, how many consecutive failures make the container unhealthy, and the grace period
 * after start during which failures do not count.
 */
public record HealthCheckSpec(
    List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod) {
  public HealthCheckSpec {
    test = List.copyOf(test);
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(startPeriod, "startPeriod");
  }
}
