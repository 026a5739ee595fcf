package io.gantry.server.state;

/** A decoded record with the store key it came from and the revision that last wrote it. */
public record Versioned<T>(String key, T value, long modRevision) {}
