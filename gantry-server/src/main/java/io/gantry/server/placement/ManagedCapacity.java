package io.gantry.server.placement;

/**
 * Where Gantry's managed capacity (what FARGATE tasks run on) lives: agents started with {@code
 * --fargate} register into the reserved cluster {@link #CLUSTER} of the operator's account (the
 * server's {@code account-id}), and every cluster of every account in the same region places its
 * FARGATE tasks there. The cluster is hidden from ListClusters and DescribeClusters and cannot be
 * created, run on or served by users; its instances never show in a user cluster. Constants only.
 */
public final class ManagedCapacity {
  /** The reserved cluster managed agents register into. */
  public static final String CLUSTER = "gantry-fargate";

  private ManagedCapacity() {}

  public static boolean isManaged(String cluster) {
    return CLUSTER.equals(cluster);
  }

  /** The store key of the managed node {@code instanceArn} names (empty when it is not an ARN). */
  public static java.util.Optional<String> instanceKey(String instanceArn) {
    return io.gantry.model.Arn.parse(instanceArn).map(a -> io.gantry.server.state.StateKeys.containerInstance(
        new io.gantry.model.Scope(a.accountId(), a.region()), CLUSTER,
        instanceArn.substring(instanceArn.lastIndexOf('/') + 1)));
  }
}
