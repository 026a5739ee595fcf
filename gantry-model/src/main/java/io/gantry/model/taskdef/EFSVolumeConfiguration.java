package io.gantry.model.taskdef;

/** An Amazon EFS file system mounted as a task volume (ECS {@code EFSVolumeConfiguration}). */
public record EFSVolumeConfiguration(
    String fileSystemId,
    String rootDirectory,
    String transitEncryption,
    Integer transitEncryptionPort,
    EFSAuthorizationConfig authorizationConfig) {}
