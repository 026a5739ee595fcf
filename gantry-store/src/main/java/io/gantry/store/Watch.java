package io.gantry.store;

/** A running watch; closing it stops delivery. Thread-safe. */
public interface Watch extends AutoCloseable {
  /**
   * Stops delivery: once this returns no further event is handed to the listener, except one
   * whose delivery had already begun. Idempotent; may be called from the listener itself.
   */
  @Override
  void close();
}
