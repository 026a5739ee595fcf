package io.gantry.store;

/** Receives watch events on a store-owned thread; must not block for long. */
@FunctionalInterface
public interface WatchListener {
  void onEvent(WatchEvent event);
}
