package io.gantry.model.task;

import java.util.Optional;

/**
 * The known status of a container ({@code Container.lastStatus}), in lifecycle order: PENDING
 * (not started yet: pulling, created, or waiting on its dependencies), RUNNING, STOPPED. Like the
 * task's, it only moves forward and STOPPED is terminal (a restart policy restarts a container in
 * place, without a new known status).
 */
public enum ContainerStatus {
  PENDING,
  RUNNING,
  STOPPED;

  /** Whether a container known to be in this status may move to {@code to}: strictly forward only. */
  public boolean canMoveTo(ContainerStatus to) {
    return transitionTo(to) == StatusTransition.ADVANCE;
  }

  /** What reporting {@code to} does to a container known to be in this status. */
  public StatusTransition transitionTo(ContainerStatus to) {
    return StatusTransition.between(this, to);
  }

  /** The status a wire value names; empty for an absent or unknown value. */
  public static Optional<ContainerStatus> parse(String wire) {
    return WireEnums.parse(ContainerStatus.class, wire);
  }
}
