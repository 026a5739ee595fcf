package io.gantry.model.task;

import java.util.Objects;

/**
 * What a task's containers imply for the task: its known status, its desired status, and — only
 * when the containers are what stops the task — the stop code and reason to record. A null stop
 * code and reason mean "keep what the task has", e.g. the UserInitiated code of a StopTask whose
 * containers are now stopping. Immutable.
 */
public record TaskStatusUpdate(
    TaskStatus lastStatus, DesiredStatus desiredStatus, TaskStopCode stopCode, String stoppedReason) {

  public TaskStatusUpdate {
    Objects.requireNonNull(lastStatus, "lastStatus");
    Objects.requireNonNull(desiredStatus, "desiredStatus");
  }
}
