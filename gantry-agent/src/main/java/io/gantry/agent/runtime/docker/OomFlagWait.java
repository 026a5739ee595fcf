package io.gantry.agent.runtime.docker;

import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.ContainerStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * How long to wait before believing that a container killed with SIGKILL (exit 137) was not
 * OOM-killed. dockerd sets {@code OOMKilled} from an event that can reach it a moment after the
 * exit, so an inspect right after the exit may not show it yet: for {@link #WINDOW} after the
 * container finished, a 137 without the flag is looked at again every {@link #POLL}. Pure.
 */
final class OomFlagWait {
  static final Duration WINDOW = Duration.ofMillis(1500);
  static final Duration POLL = Duration.ofMillis(100);
  /** Bounds the looks even if the clock stands still. */
  static final int MAX_LOOKS = 20;

  private OomFlagWait() {}

  /** Zero when {@code state} can be reported as it is; otherwise how long to wait before inspecting again. */
  static Duration before(ContainerState state, Instant now) {
    if (state == null || state.status() != ContainerStatus.STOPPED || state.exitCode() == null
        || state.exitCode() != 137 || state.oomKilled() || state.finishedAt() == null) {
      return Duration.ZERO;
    }
    Duration left = Duration.between(now, state.finishedAt().plus(WINDOW));
    if (left.isNegative() || left.isZero()) {
      return Duration.ZERO;
    }
    return left.compareTo(POLL) < 0 ? left : POLL;
  }
}
