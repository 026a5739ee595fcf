/**
 * The scheduler's view of a cluster: container instances as immutable {@link
 * io.gantry.scheduler.cluster.Node} values, what one task takes ({@link
 * io.gantry.scheduler.cluster.Demand}) and the immutable {@link
 * io.gantry.scheduler.cluster.ClusterSnapshot} a placement reads. Plain values; no I/O.
 */
package io.gantry.scheduler.cluster;
