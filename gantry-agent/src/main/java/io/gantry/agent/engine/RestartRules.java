package io.gantry.agent.engine;

import io.gantry.model.task.DesiredStatus;
import io.gantry.model.taskdef.ContainerRestartPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a container that exited is restarted in place, with the ECS agent's rules
 * ({@code ecs-agent/api/container/restart/restart_tracker.go}, and the ECS Developer Guide's
 * "Restart individual containers in Amazon ECS tasks with container restart policies"): only with
 * a policy that is enabled, only while the task is wanted RUNNING, only with an exit code, not for
 * an exit code in {@code ignoredExitCodes}, and only when at least {@code restartAttemptPeriod}
 * (300 s when absent) has passed since the last restart, or since the container started when it
 * has not been restarted yet. Pure and stateless.
 */
final class RestartRules {
  static final Duration DEFAULT_ATTEMPT_PERIOD = Duration.ofSeconds(300);

  private RestartRules() {}

  static boolean shouldRestart(
      ContainerRestartPolicy policy,
      DesiredStatus desired,
      Integer exitCode,
      Instant startedAt,
      Instant lastRestartAt,
      Instant now) {
    if (policy == null || !Boolean.TRUE.equals(policy.enabled())) {
      return false;
    }
    if (desired == DesiredStatus.STOPPED || exitCode == null) {
      return false;
    }
    if (policy.ignoredExitCodes() != null && policy.ignoredExitCodes().contains(exitCode)) {
      return false;
    }
    Duration period = policy.restartAttemptPeriod() == null ? DEFAULT_ATTEMPT_PERIOD
        : Duration.ofSeconds(policy.restartAttemptPeriod());
    Instant since = lastRestartAt != null ? lastRestartAt : startedAt;
    return since == null || Duration.between(since, now).compareTo(period) >= 0;
  }
}
