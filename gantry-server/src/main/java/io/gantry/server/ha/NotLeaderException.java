package io.gantry.server.ha;

/**
 * A leader-only write was attempted by a replica that does not lead (any more): nothing was
 * written. The caller drops the work; the new leader redoes it from the store.
 */
public final class NotLeaderException extends RuntimeException {
  public NotLeaderException(String message) {
    super(message);
  }
}
