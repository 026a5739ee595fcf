/**
 * What the tasks of each cluster hold on its container instances, kept in memory from the store
 * ({@link io.gantry.server.placement.PlacementState}, {@link io.gantry.server.placement.ClusterLedger}),
 * how an instance is shown with it ({@link io.gantry.server.placement.InstanceViews}), and the
 * {@link io.gantry.server.placement.PlanApplier} that turns plans into reservations.
 */
package io.gantry.server.placement;
