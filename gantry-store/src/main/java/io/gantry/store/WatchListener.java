package io.gantry.store;

/** Receives watch events on a store-owned thread; must not block for long. */
@FunctionalInterface
public interface WatchListener {
  void onEvent(WatchEvent event);

  /**
   * The watch fell so far behind (its connection to a distributed store was down) that the store
   * no longer has the changes it missed, up to {@code compactedRevision}: it delivers nothing
   * more. Called once, on the watch's thread, after every event delivered before. A listener that
   * mirrors the store reloads it and watches again from the revision it reloaded at; the default
   * does nothing (the watch just stops, as it always did).
   */
  default void onCompacted(long compactedRevision) {}
}
