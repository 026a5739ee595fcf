package io.gantry.model.taskdef;

/** The ephemeral storage of a Fargate task, in GiB (ECS {@code EphemeralStorage}). */
public record EphemeralStorage(Integer sizeInGiB) {}
