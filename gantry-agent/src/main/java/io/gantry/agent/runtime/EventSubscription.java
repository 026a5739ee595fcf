package io.gantry.agent.runtime;

/** An open event subscription; closing it stops delivery. Idempotent, thread-safe. */
public interface EventSubscription extends AutoCloseable {
  @Override
  void close();
}
