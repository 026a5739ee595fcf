package io.gantry.model.taskdef;

/**
 * A data volume declared by a task definition (ECS {@code Volume}); at most one of its
 * configurations is set.
 */
public record Volume(
    String name,
    HostVolumeProperties host,
    Boolean configuredAtLaunch,
    DockerVolumeConfiguration dockerVolumeConfiguration,
    EFSVolumeConfiguration efsVolumeConfiguration,
    FSxWindowsFileServerVolumeConfiguration fsxWindowsFileServerVolumeConfiguration,
    S3FilesVolumeConfiguration s3filesVolumeConfiguration) {}
