package io.gantry.model.taskdef;

/** A namespaced kernel parameter set in a container (ECS {@code SystemControl}). */
public record SystemControl(String namespace, String value) {}
