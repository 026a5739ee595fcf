package io.gantry.api.ecs.capacity;

import io.gantry.model.capacity.ManagedScaling;

/** UpdateCapacityProvider input: the Auto Scaling group settings that may change. */
public record UpdateCapacityProviderRequest(String name, Update autoScalingGroupProvider,
    Object managedInstancesProvider, String cluster) {

  /** The ECS {@code AutoScalingGroupProviderUpdate} shape. */
  public record Update(ManagedScaling managedScaling, String managedTerminationProtection, String managedDraining) {}
}
