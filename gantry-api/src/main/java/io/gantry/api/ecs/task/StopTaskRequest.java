package io.gantry.api.ecs.task;

/** The input of StopTask: the task (ARN or id) and an optional reason of up to 255 characters. */
public record StopTaskRequest(String cluster, String reason, String task) {}
