package io.gantry.model.task;

/**
 * What a reported status change does to a status that only moves forward: it advances, changes
 * nothing (the same status reported again, e.g. a duplicate message), or would go backward and
 * must be dropped (a stale message). The order is the declaration order of the status enum, which
 * lists the lifecycle in order.
 */
public enum StatusTransition {
  ADVANCE,
  UNCHANGED,
  BACKWARD;

  /** The transition from {@code from} to {@code to} in the lifecycle order of their enum. */
  public static <E extends Enum<E>> StatusTransition between(E from, E to) {
    int order = to.compareTo(from);
    return order > 0 ? ADVANCE : order == 0 ? UNCHANGED : BACKWARD;
  }
}
