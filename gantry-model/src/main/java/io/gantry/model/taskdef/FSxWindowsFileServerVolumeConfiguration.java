package io.gantry.model.taskdef;

/**
 * An FSx for Windows File Server file system mounted as a task volume (ECS {@code
 * FSxWindowsFileServerVolumeConfiguration}).
 */
public record FSxWindowsFileServerVolumeConfiguration(
    String fileSystemId,
    String rootDirectory,
    FSxWindowsFileServerAuthorizationConfig authorizationConfig) {}
