package io.gantry.model.taskdef;

/** A task volume mounted into a container (ECS {@code MountPoint}). */
public record MountPoint(String sourceVolume, String containerPath, Boolean readOnly) {}
