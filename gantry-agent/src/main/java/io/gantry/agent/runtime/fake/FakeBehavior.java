package io.gantry.agent.runtime.fake;

import io.gantry.agent.runtime.HealthStatus;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a fake container does (Nomad's mock driver: {@code run_for}, {@code exit_code},
 * {@code start_error}): its image pull, create or start may fail with a message; it becomes
 * running after {@code startDelay}; it exits by itself with {@code exitCode} after
 * {@code runFor} (null: never), OOM-killed if so scripted; its health follows {@code health}
 * (times after start; null: healthy after the health check's interval); on SIGTERM it exits with
 * {@code sigtermExitCode} if {@code sigtermGrace} fits in the stop timeout, else it is killed
 * (137). {@code sigtermGrace} null: it ignores SIGTERM. Immutable; {@code with…} return copies.
 */
public record FakeBehavior(
    String pullError,
    String createError,
    String startError,
    Duration startDelay,
    Duration runFor,
    int exitCode,
    boolean oomKilled,
    List<HealthStep> health,
    Duration sigtermGrace,
    int sigtermExitCode) {

  /** Health becomes {@code status} at {@code after} past the container's start. */
  public record HealthStep(Duration after, HealthStatus status) {
    public HealthStep {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(status, "status");
    }
  }

  public FakeBehavior {
    Objects.requireNonNull(startDelay, "startDelay");
    health = health == null ? null : List.copyOf(health);
  }

  /** Starts at once, runs until stopped, exits 143 on SIGTERM. */
  public static FakeBehavior runsForever() {
    return new FakeBehavior(null, null, null, Duration.ZERO, null, 0, false, null, Duration.ZERO,
        143);
  }

  /** Starts at once and exits with {@code exitCode} after {@code runFor}. */
  public static FakeBehavior exitsAfter(Duration runFor, int exitCode) {
    return runsForever().withRunFor(runFor).withExitCode(exitCode);
  }

  public FakeBehavior withPullError(String message) {
    return new FakeBehavior(message, createError, startError, startDelay, runFor, exitCode,
        oomKilled, health, sigtermGrace, sigtermExitCode);
  }

  public FakeBehavior withCreateError(String message) {
    return new FakeBehavior(pullError, message, startError, startDelay, runFor, exitCode,
        oomKilled, health, sigtermGrace, sigtermExitCode);
  }

  public FakeBehavior withStartError(String message) {
    return new FakeBehavior(pullError, createError, message, startDelay, runFor, exitCode,
        oomKilled, health, sigtermGrace, sigtermExitCode);
  }

  public FakeBehavior withStartDelay(Duration delay) {
    return new FakeBehavior(pullError, createError, startError, delay, runFor, exitCode,
        oomKilled, health, sigtermGrace, sigtermExitCode);
  }

  public FakeBehavior withRunFor(Duration d) {
    return new FakeBehavior(pullError, createError, startError, startDelay, d, exitCode,
        oomKilled, health, sigtermGrace, sigtermExitCode);
  }

  public FakeBehavior withExitCode(int code) {
    return new FakeBehavior(pullError, createError, startError, startDelay, runFor, code,
        oomKilled, health, sigtermGrace, sigtermExitCode);
  }

  /** Exits (137, OOM-killed) after {@code runFor}. */
  public FakeBehavior withOomKillAfter(Duration d) {
    return new FakeBehavior(pullError, createError, startError, startDelay, d, 137, true,
        health, sigtermGrace, sigtermExitCode);
  }

  public FakeBehavior withHealth(HealthStep... steps) {
    return new FakeBehavior(pullError, createError, startError, startDelay, runFor, exitCode,
        oomKilled, List.of(steps), sigtermGrace, sigtermExitCode);
  }

  /** On SIGTERM, exits with {@code code} after {@code grace} (killed if the stop timeout is shorter). */
  public FakeBehavior withSigterm(Duration grace, int code) {
    return new FakeBehavior(pullError, createError, startError, startDelay, runFor, exitCode,
        oomKilled, health, grace, code);
  }

  /** Ignores SIGTERM, so a stop always ends in SIGKILL (137) at the timeout. */
  public FakeBehavior ignoringSigterm() {
    return new FakeBehavior(pullError, createError, startError, startDelay, runFor, exitCode,
        oomKilled, health, null, sigtermExitCode);
  }
}
