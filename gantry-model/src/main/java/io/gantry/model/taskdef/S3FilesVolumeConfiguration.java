package io.gantry.model.taskdef;

/** An S3 Files file system mounted as a task volume (ECS {@code S3FilesVolumeConfiguration}). */
public record S3FilesVolumeConfiguration(
    String fileSystemArn,
    String rootDirectory,
    Integer transitEncryptionPort,
    String accessPointArn) {}
