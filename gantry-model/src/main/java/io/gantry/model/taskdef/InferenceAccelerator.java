package io.gantry.model.taskdef;

/**
 * An Elastic Inference accelerator declared by a task definition (ECS {@code
 * InferenceAccelerator}).
 */
public record InferenceAccelerator(String deviceName, String deviceType) {}
