package io.gantry.model.task;

import java.util.List;
import java.util.Optional;

/**
 * The status the control plane wants a task in ({@code Task.desiredStatus}): RUNNING, then
 * STOPPED. The ECS model's {@code DesiredStatus} enum also lists PENDING, but only as a ListTasks
 * filter value that matches nothing: ECS never sets a task's desired status to PENDING (only
 * {@code lastStatus} can be PENDING). A desired status never goes from STOPPED back to RUNNING.
 */
public enum DesiredStatus {
  RUNNING,
  STOPPED;

  /** The values ListTasks accepts for its {@code desiredStatus} filter (the ECS model's enum). */
  public static final List<String> LIST_TASKS_FILTER = List.of("RUNNING", "PENDING", "STOPPED");

  /** Whether a task wanted in this status may be wanted in {@code to} instead: RUNNING to STOPPED only. */
  public boolean canMoveTo(DesiredStatus to) {
    return transitionTo(to) == StatusTransition.ADVANCE;
  }

  /** What asking for {@code to} does to a task wanted in this status. */
  public StatusTransition transitionTo(DesiredStatus to) {
    return StatusTransition.between(this, to);
  }

  /**
   * This desired status given what the task is known to be doing: a task that has begun to stop
   * (DEACTIVATING or later, for whatever reason) is wanted STOPPED, since ECS does not restart a
   * task; otherwise this status is kept.
   */
  public DesiredStatus given(TaskStatus known) {
    return known.before(TaskStatus.DEACTIVATING) ? this : STOPPED;
  }

  /** The status a wire value names; empty for an absent or unknown value, and for PENDING. */
  public static Optional<DesiredStatus> parse(String wire) {
    return WireEnums.parse(DesiredStatus.class, wire);
  }
}
