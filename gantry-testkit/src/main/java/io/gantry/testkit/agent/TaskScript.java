package io.gantry.testkit.agent;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a simulated container does, after Nomad's mock driver: it starts after {@code startDelay}
 * (or fails to start with {@code startError}), then runs until the control plane stops it or, when
 * {@code runFor} is set, exits by itself after that long with {@code exitCode}. A container with a
 * health check reports HEALTHY, or UNHEALTHY when {@code unhealthy}. Stopped by the control plane,
 * it exits with {@code stopExitCode} after {@code stopDelay}. Immutable; {@code with…} return copies.
 *
 * <p>Scripts are chosen per task definition family or per container by environment variables or
 * docker labels named after {@link #KEYS}: {@code GANTRY_SIM_START_DELAY=2s},
 * {@code GANTRY_SIM_RUN_FOR=5s}, {@code GANTRY_SIM_EXIT_CODE=1},
 * {@code GANTRY_SIM_START_ERROR=exec: "x": not found}, {@code GANTRY_SIM_UNHEALTHY=true},
 * {@code GANTRY_SIM_STOP_EXIT_CODE=137}, {@code GANTRY_SIM_STOP_DELAY=500ms}.
 */
public record TaskScript(Duration startDelay, Duration runFor, int exitCode, String startError, boolean unhealthy,
    int stopExitCode, Duration stopDelay) {

  public static final String START_DELAY = "GANTRY_SIM_START_DELAY";
  public static final String RUN_FOR = "GANTRY_SIM_RUN_FOR";
  public static final String EXIT_CODE = "GANTRY_SIM_EXIT_CODE";
  public static final String START_ERROR = "GANTRY_SIM_START_ERROR";
  public static final String UNHEALTHY = "GANTRY_SIM_UNHEALTHY";
  public static final String STOP_EXIT_CODE = "GANTRY_SIM_STOP_EXIT_CODE";
  public static final String STOP_DELAY = "GANTRY_SIM_STOP_DELAY";
  /** Every variable or label a script reads. */
  public static final java.util.List<String> KEYS =
      java.util.List.of(START_DELAY, RUN_FOR, EXIT_CODE, START_ERROR, UNHEALTHY, STOP_EXIT_CODE, STOP_DELAY);
  /** The prefix the runtime's start errors carry, as the Docker runtime reports them. */
  public static final String START_ERROR_PREFIX = "CannotStartContainerError: ";

  public TaskScript {
    Objects.requireNonNull(startDelay, "startDelay");
    Objects.requireNonNull(stopDelay, "stopDelay");
    if (startDelay.isNegative() || stopDelay.isNegative() || (runFor != null && runFor.isNegative())) {
      throw new IllegalArgumentException("script durations must not be negative");
    }
  }

  /** Starts at once, runs until stopped, exits 0 when stopped. */
  public static TaskScript runsUntilStopped() {
    return new TaskScript(Duration.ZERO, null, 0, null, false, 0, Duration.ZERO);
  }

  /** Starts at once and exits by itself with {@code code} after {@code d}. */
  public static TaskScript exitsAfter(Duration d, int code) {
    return runsUntilStopped().withRunFor(d).withExitCode(code);
  }

  /** Never starts: the container stops with {@code CannotStartContainerError: message}. */
  public static TaskScript failsToStart(String message) {
    return runsUntilStopped().withStartError(message);
  }

  public TaskScript withStartDelay(Duration d) {
    return new TaskScript(d, runFor, exitCode, startError, unhealthy, stopExitCode, stopDelay);
  }

  public TaskScript withRunFor(Duration d) {
    return new TaskScript(startDelay, d, exitCode, startError, unhealthy, stopExitCode, stopDelay);
  }

  public TaskScript withExitCode(int code) {
    return new TaskScript(startDelay, runFor, code, startError, unhealthy, stopExitCode, stopDelay);
  }

  public TaskScript withStartError(String message) {
    return new TaskScript(startDelay, runFor, exitCode, message, unhealthy, stopExitCode, stopDelay);
  }

  public TaskScript withUnhealthy(boolean value) {
    return new TaskScript(startDelay, runFor, exitCode, startError, value, stopExitCode, stopDelay);
  }

  /** Exits with {@code code} when stopped (0 for a clean shutdown, 137 for SIGKILL, 143 for SIGTERM). */
  public TaskScript withStopExitCode(int code) {
    return new TaskScript(startDelay, runFor, exitCode, startError, unhealthy, code, stopDelay);
  }

  public TaskScript withStopDelay(Duration d) {
    return new TaskScript(startDelay, runFor, exitCode, startError, unhealthy, stopExitCode, d);
  }

  /**
   * This script changed by whichever of the {@link #KEYS} {@code vars} holds.
   *
   * @throws IllegalArgumentException for a value that is not a duration, number or boolean
   */
  public TaskScript overriddenBy(Map<String, String> vars) {
    TaskScript s = this;
    for (String key : KEYS) {
      String v = vars.get(key);
      if (v == null) {
        continue;
      }
      String value = v.strip();
      s = switch (key) {
        case START_DELAY -> s.withStartDelay(duration(value));
        case RUN_FOR -> s.withRunFor(value.isEmpty() ? null : duration(value));
        case EXIT_CODE -> s.withExitCode(Integer.parseInt(value));
        case START_ERROR -> s.withStartError(value.isEmpty() ? null : value);
        case UNHEALTHY -> s.withUnhealthy(Boolean.parseBoolean(value));
        case STOP_EXIT_CODE -> s.withStopExitCode(Integer.parseInt(value));
        default -> s.withStopDelay(duration(value));
      };
    }
    return s;
  }

  /** {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT5S}). */
  static Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new IllegalArgumentException("not a duration: " + text);
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a duration (use 250ms, 5s, 2m, 1h or PT5S): " + text, e);
    }
  }
}
