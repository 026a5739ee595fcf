package io.gantry.model.taskdef;

/** Volumes a container mounts from another container of the task (ECS {@code VolumeFrom}). */
public record VolumeFrom(String sourceContainer, Boolean readOnly) {}
