package io.gantry.model.task;

/**
 * The ephemeral storage a Fargate task was given (ECS {@code TaskEphemeralStorage}), as a task
 * reports it in {@code fargateEphemeralStorage}: size in GiB and the KMS key that encrypts it.
 */
public record TaskEphemeralStorage(Integer sizeInGiB, String kmsKeyId) {}
