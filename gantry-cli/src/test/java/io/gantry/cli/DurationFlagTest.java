package io.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Durations as typed on the command line. */
class DurationFlagTest {

  @Test
  void readsUnitsCombinationsAndIso() {
    assertThat(DurationFlag.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationFlag.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(DurationFlag.parse("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(DurationFlag.parse("7d")).isEqualTo(Duration.ofDays(7));
    assertThat(DurationFlag.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationFlag.parse(" 2D ")).isEqualTo(Duration.ofDays(2));
    assertThat(DurationFlag.parse("PT12H")).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void refusesWhatIsNotADuration() {
    for (String bad : new String[] {"", "24", "h", "24x", "1h 30m", "-5m", "P", "99999999999999999999d", "1h30"}) {
      assertThatThrownBy(() -> DurationFlag.parse(bad)).as(bad)
          .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("not a duration");
    }
  }
}
