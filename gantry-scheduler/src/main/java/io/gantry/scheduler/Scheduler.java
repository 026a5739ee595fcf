package io.gantry.scheduler;

import io.gantry.scheduler.cluster.ClusterSnapshot;
import java.util.random.RandomGenerator;

/**
 * The ECS placement engine: {@code place(snapshot, request, random) → plan}. Pure: reads the
 * snapshot without changing it, uses no clock, no I/O and no threads; the same snapshot, request
 * and seed give the same plan. Safe to call from any thread (each call has its own state).
 */
public final class Scheduler {
  private Scheduler() {}

  /**
   * Places {@code request.count()} tasks one after another, each seeing the ones before it.
   * Candidates are the ACTIVE nodes with a connected agent, the required attributes, every
   * constraint satisfied and room for the demand; among them the strategies choose in order and
   * {@code random} breaks the remaining ties. When a task fits nowhere, it and every later task
   * of the request are unplaced with the same {@link Rejections}.
   */
  public static Plan place(ClusterSnapshot snapshot, PlacementRequest request, RandomGenerator random) {
    return new PlacementRun(snapshot, request, random).run();
  }
}
