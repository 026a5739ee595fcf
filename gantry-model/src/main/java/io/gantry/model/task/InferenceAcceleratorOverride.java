package io.gantry.model.task;

/**
 * An Elastic Inference accelerator given to a task at launch instead of the one its definition
 * names (ECS {@code InferenceAcceleratorOverride}).
 */
public record InferenceAcceleratorOverride(String deviceName, String deviceType) {}
