package io.gantry.model.instance;

/** A device on the host that tasks can be given, such as a GPU (ECS {@code PlatformDevice}). */
public record PlatformDevice(String id, String type) {}
