package io.gantry.model;

/** A name/value pair, the ECS {@code KeyValuePair} shape (environment variables, statistics, details). */
public record KeyValuePair(String name, String value) {}
