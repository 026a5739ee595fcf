/**
 * ECS task placement as a pure function: {@link io.gantry.scheduler.Scheduler#place} reads an
 * immutable {@link io.gantry.scheduler.cluster.ClusterSnapshot} and a {@link
 * io.gantry.scheduler.PlacementRequest} (demand, count, task group, strategies, constraints) and
 * returns a {@link io.gantry.scheduler.Plan}: where each task goes, why the others fit nowhere,
 * and the snapshot as it would be. Owns the wire parsing of strategies and constraints and the
 * per-node {@link io.gantry.scheduler.Fit} check the plan applier repeats. No I/O, clock or
 * threads; randomness is a parameter.
 */
package io.gantry.scheduler;
