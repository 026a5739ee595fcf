package io.gantry.server.tasks;

import io.gantry.model.EcsException;

/** The errors of the task operations whose ECS type or words are shared by several of them. */
final class TaskErrors {
  static final String NOT_FOUND = "The referenced task was not found";
  static final String INVALID_ID = "Task Identifier is invalid";

  private TaskErrors() {}

  /** A RunTask client token reused with other parameters: ECS answers ConflictException. */
  static EcsException conflict(String message) {
    return new EcsException(io.gantry.model.ErrorCode.CONFLICT, message);
  }

  static EcsException notFound() {
    return EcsException.invalidParameter(NOT_FOUND);
  }

  static EcsException invalidId() {
    return EcsException.invalidParameter(INVALID_ID);
  }
}
