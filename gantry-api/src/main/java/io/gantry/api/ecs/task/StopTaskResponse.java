package io.gantry.api.ecs.task;

import io.gantry.model.task.Task;

/** The output of StopTask: the task as it is after the request. */
public record StopTaskResponse(Task task) {}
