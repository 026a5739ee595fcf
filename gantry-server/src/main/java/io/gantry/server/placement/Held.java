package io.gantry.server.placement;

/**
 * What a stored task holds and on which capacity: {@code managed} when {@code hold.instanceId()}
 * is a managed node (a FARGATE task, counted in the region's managed ledger) rather than an
 * instance of the task's own cluster; {@code preemptible} when it is a FARGATE_SPOT task that may
 * still be interrupted to make room for a regular FARGATE task. Immutable.
 */
public record Held(TaskHold hold, boolean managed, boolean preemptible) {
  public static Held inCluster(TaskHold hold) {
    return new Held(hold, false, false);
  }
}
