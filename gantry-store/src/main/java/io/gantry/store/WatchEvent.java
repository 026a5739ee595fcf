package io.gantry.store;

/**
 * One change seen by a watch. For a delete, {@code kv} carries the key, an empty value and the
 * revision of the delete in {@code modRevision}.
 */
public record WatchEvent(Type type, KeyValue kv) {
  public enum Type { PUT, DELETE }
}
