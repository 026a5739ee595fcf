package io.gantry.model;

/** A resource tag as ECS carries it ({@code key}, {@code value}). */
public record Tag(String key, String value) {}
