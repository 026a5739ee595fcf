package io.gantry.model.taskdef;

/** A resource limit set on a container (ECS {@code Ulimit}). */
public record Ulimit(String name, Integer softLimit, Integer hardLimit) {}
