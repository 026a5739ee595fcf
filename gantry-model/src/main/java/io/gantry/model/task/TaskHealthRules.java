package io.gantry.model.task;

import java.util.List;

/**
 * Derives a task's {@code healthStatus} from its containers' health, the way ECS does. Pure and
 * stateless; thread-safe.
 *
 * <p>Only essential containers whose definition has a health check count; containers without a
 * health check report UNKNOWN and are left out, and non-essential containers never affect the
 * task. Among the containers that count, in priority order: any UNHEALTHY makes the task
 * UNHEALTHY; otherwise any UNKNOWN (still being evaluated) makes it UNKNOWN; otherwise all are
 * HEALTHY and so is the task. A task with no container that counts is UNKNOWN.
 */
public final class TaskHealthRules {
  private TaskHealthRules() {}

  /** The task's health given every container of the task. */
  public static HealthStatus taskHealth(List<TaskContainer> containers) {
    boolean anyCounted = false;
    boolean anyUnknown = false;
    for (TaskContainer container : containers) {
      if (!container.essential() || !container.healthChecked()) {
        continue;
      }
      anyCounted = true;
      if (container.health() == HealthStatus.UNHEALTHY) {
        return HealthStatus.UNHEALTHY;
      }
      anyUnknown |= container.health() == HealthStatus.UNKNOWN;
    }
    return !anyCounted || anyUnknown ? HealthStatus.UNKNOWN : HealthStatus.HEALTHY;
  }

  /** A container's health as reported: UNKNOWN whatever it says when it has no health check. */
  public static HealthStatus containerHealth(boolean healthChecked, HealthStatus reported) {
    return healthChecked ? reported : HealthStatus.UNKNOWN;
  }
}
