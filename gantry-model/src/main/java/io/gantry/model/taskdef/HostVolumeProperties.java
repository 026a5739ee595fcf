package io.gantry.model.taskdef;

/**
 * A bind mount of a host path (ECS {@code HostVolumeProperties}); without a path the volume is
 * an anonymous task volume.
 */
public record HostVolumeProperties(String sourcePath) {}
