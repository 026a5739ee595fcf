package io.gantry.testkit.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskScriptTest {
  @Test
  void variablesOverrideTheBaseScript() {
    TaskScript s = TaskScript.runsUntilStopped().overriddenBy(Map.of(
        TaskScript.RUN_FOR, "5s",
        TaskScript.EXIT_CODE, "1",
        TaskScript.START_DELAY, "250ms",
        TaskScript.UNHEALTHY, "true",
        TaskScript.STOP_EXIT_CODE, "137",
        TaskScript.STOP_DELAY, "PT1M"));

    assertThat(s).isEqualTo(new TaskScript(Duration.ofMillis(250), Duration.ofSeconds(5), 1, null, true, 137,
        Duration.ofMinutes(1)));
  }

  @Test
  void anEmptyRunForOrStartErrorClearsTheBases() {
    TaskScript base = TaskScript.exitsAfter(Duration.ofSeconds(1), 2).withStartError("boom");

    TaskScript s = base.overriddenBy(Map.of(TaskScript.RUN_FOR, "", TaskScript.START_ERROR, " "));

    assertThat(s.runFor()).isNull();
    assertThat(s.startError()).isNull();
    assertThat(s.exitCode()).isEqualTo(2);
  }

  @Test
  void durationsReadHumanAndIsoForms() {
    assertThat(TaskScript.duration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(TaskScript.duration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(TaskScript.duration("pt0.5s")).isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> TaskScript.duration("soon")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("soon");
    assertThatThrownBy(() -> TaskScript.duration("5x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void negativeDurationsAreRefused() {
    assertThatThrownBy(() -> TaskScript.runsUntilStopped().withRunFor(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
