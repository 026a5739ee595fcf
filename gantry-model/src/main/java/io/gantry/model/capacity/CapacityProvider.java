package io.gantry.model.capacity;

import io.gantry.model.Tag;
import java.util.List;

/**
 * The ECS {@code CapacityProvider} shape. Stored without tags (they live with the other tags);
 * {@code tags} is filled in when DescribeCapacityProviders is asked to include them.
 */
public record CapacityProvider(
    String capacityProviderArn,
    String name,
    String status,
    AutoScalingGroupProvider autoScalingGroupProvider,
    String updateStatus,
    String updateStatusReason,
    List<Tag> tags,
    String type) {

  public static final String ACTIVE = "ACTIVE";
  public static final String INACTIVE = "INACTIVE";
  public static final String FARGATE = "FARGATE";
  public static final String FARGATE_SPOT = "FARGATE_SPOT";
  public static final String EC2_AUTOSCALING = "EC2_AUTOSCALING";

  /** Whether {@code name} is one of the Fargate providers every account has. */
  public static boolean builtIn(String name) {
    return FARGATE.equals(name) || FARGATE_SPOT.equals(name);
  }

  public CapacityProvider withStatus(String newStatus, String newUpdateStatus) {
    return new CapacityProvider(capacityProviderArn, name, newStatus, autoScalingGroupProvider, newUpdateStatus,
        updateStatusReason, tags, type);
  }

  public CapacityProvider withGroup(AutoScalingGroupProvider group, String newUpdateStatus) {
    return new CapacityProvider(capacityProviderArn, name, status, group, newUpdateStatus, updateStatusReason, tags,
        type);
  }

  public CapacityProvider withTags(List<Tag> newTags) {
    return new CapacityProvider(capacityProviderArn, name, status, autoScalingGroupProvider, updateStatus,
        updateStatusReason, newTags, type);
  }
}
