package io.gantry.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.ContainerStatus;
import io.gantry.agent.runtime.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OomFlagWaitTest {
  private static final Instant EXIT = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aFreshKillWithoutTheOomFlagIsLookedAtAgainUntilTheWindowHasPassed() {
    assertThat(OomFlagWait.before(exited(137, false), EXIT)).isEqualTo(OomFlagWait.POLL);
    assertThat(OomFlagWait.before(exited(137, false), EXIT.plusMillis(1450))).isEqualTo(Duration.ofMillis(50));
    assertThat(OomFlagWait.before(exited(137, false), EXIT.plus(OomFlagWait.WINDOW))).isZero();
    assertThat(OomFlagWait.before(exited(137, false), EXIT.plusSeconds(60))).as("found long after, at a restart").isZero();
  }

  @Test
  void whatNeedsNoWaitIsReportedAtOnce() {
    assertThat(OomFlagWait.before(exited(137, true), EXIT)).as("the flag is set").isZero();
    assertThat(OomFlagWait.before(exited(0, false), EXIT)).isZero();
    assertThat(OomFlagWait.before(exited(143, false), EXIT)).isZero();
    assertThat(OomFlagWait.before(null, EXIT)).isZero();
    assertThat(OomFlagWait.before(new ContainerState("id", "c", "img", ContainerStatus.RUNNING, null, HealthStatus.NONE, EXIT,
        null, List.of(), false, null, Map.of()), EXIT)).isZero();
  }

  private static ContainerState exited(int code, boolean oom) {
    return new ContainerState("id", "c", "img", ContainerStatus.STOPPED, code, HealthStatus.NONE, EXIT.minusSeconds(5), EXIT,
        List.of(), oom, null, Map.of());
  }
}
