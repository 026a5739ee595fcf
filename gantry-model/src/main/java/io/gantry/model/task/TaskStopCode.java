package io.gantry.model.task;

import java.util.Optional;

/**
 * Why a task stopped, as a code (ECS {@code TaskStopCode}); {@code stoppedReason} carries the
 * words (see {@link StoppedReasons}). TaskFailedToStart: a container could not be started (image
 * pull, container creation, resource set-up). EssentialContainerExited: an essential container
 * stopped, so the task did. UserInitiated: StopTask. ServiceSchedulerInitiated: the service
 * scheduler stopped it (scale-in, deployment, failed health). SpotInterruption: the Spot capacity
 * under it was reclaimed. TerminationNotice: the notice ahead of a Spot reclaim, shown while the
 * task is still running with desired status STOPPED.
 */
public enum TaskStopCode {
  TASK_FAILED_TO_START("TaskFailedToStart"),
  ESSENTIAL_CONTAINER_EXITED("EssentialContainerExited"),
  USER_INITIATED("UserInitiated"),
  SERVICE_SCHEDULER_INITIATED("ServiceSchedulerInitiated"),
  SPOT_INTERRUPTION("SpotInterruption"),
  TERMINATION_NOTICE("TerminationNotice");

  private final String wireName;

  TaskStopCode(String wireName) {
    this.wireName = wireName;
  }

  /** The value as ECS writes it in {@code stopCode}. */
  public String wireName() {
    return wireName;
  }

  /** The code a wire value names; empty for an absent or unknown value. */
  public static Optional<TaskStopCode> parse(String wire) {
    for (TaskStopCode code : values()) {
      if (code.wireName.equals(wire)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }
}
