package io.gantry.agent.runtime;

/**
 * Receives runtime events for one subscription, in order, on that subscription's delivery thread.
 * Implementations should return quickly; an exception thrown here is logged and does not end the
 * subscription.
 */
public interface RuntimeEventListener {

  void onEvent(RuntimeEvent event);

  /**
   * Events may have been missed (the event stream broke and was re-established); the listener
   * should reconcile by inspecting the containers it cares about.
   */
  default void onGap() {}
}
