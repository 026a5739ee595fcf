package io.gantry.model.taskdef;

import java.util.List;

/**
 * Whether and how a container is restarted in place when it exits (ECS {@code
 * ContainerRestartPolicy}).
 */
public record ContainerRestartPolicy(
    Boolean enabled,
    List<Integer> ignoredExitCodes,
    Integer restartAttemptPeriod) {
  public ContainerRestartPolicy {
    ignoredExitCodes = WireCollections.list(ignoredExitCodes);
  }
}
