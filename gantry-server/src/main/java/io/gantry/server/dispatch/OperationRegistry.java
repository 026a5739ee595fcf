package io.gantry.server.dispatch;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The operations a server implements, by ECS operation name, with the record type each input
 * decodes into. Filled once at start-up by the handlers, then read-only.
 */
public final class OperationRegistry {
  /** An operation with the record type its JSON input is decoded into. */
  public record Entry<I>(String name, Class<I> inputType, Operation<I> operation) {}

  private final Map<String, Entry<?>> entries = new HashMap<>();

  public <I> OperationRegistry register(String name, Class<I> inputType, Operation<I> operation) {
    if (entries.putIfAbsent(name, new Entry<>(name, inputType, operation)) != null) {
      throw new IllegalStateException("operation registered twice: " + name);
    }
    return this;
  }

  public Optional<Entry<?>> find(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  public java.util.Set<String> names() {
    return java.util.Set.copyOf(entries.keySet());
  }
}
