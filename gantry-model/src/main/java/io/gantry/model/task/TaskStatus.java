package io.gantry.model.task;

import java.util.Optional;

/**
 * The known status of a task ({@code lastStatus}), declared in ECS lifecycle order: PROVISIONING
 * (resources such as a network interface are prepared before launch), PENDING (waiting for the
 * agent to act), ACTIVATING (steps after launch before RUNNING: load balancer and service
 * discovery registration), RUNNING, DEACTIVATING (steps before stopping: deregistration),
 * STOPPING (containers are being stopped), DEPROVISIONING (resources are released), STOPPED.
 *
 * <p>Known status only moves forward; a move may skip statuses (a task that fails to start goes
 * from PENDING to STOPPED) but never goes back, and STOPPED is terminal.
 */
public enum TaskStatus {
  PROVISIONING,
  PENDING,
  ACTIVATING,
  RUNNING,
  DEACTIVATING,
  STOPPING,
  DEPROVISIONING,
  STOPPED;

  /** Whether a task known to be in this status may move to {@code to}: strictly forward only. */
  public boolean canMoveTo(TaskStatus to) {
    return transitionTo(to) == StatusTransition.ADVANCE;
  }

  /** What reporting {@code to} does to a task known to be in this status. */
  public StatusTransition transitionTo(TaskStatus to) {
    return StatusTransition.between(this, to);
  }

  /** Whether this status comes before {@code other} in the lifecycle. */
  public boolean before(TaskStatus other) {
    return compareTo(other) < 0;
  }

  /** The later of two statuses. */
  public static TaskStatus latest(TaskStatus a, TaskStatus b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The status a wire value names; empty for an absent or unknown value. */
  public static Optional<TaskStatus> parse(String wire) {
    return WireEnums.parse(TaskStatus.class, wire);
  }
}
