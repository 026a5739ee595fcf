package io.gantry.model.capacity;

/**
 * The ECS {@code AutoScalingGroupProvider} shape. In Gantry the group is a named set of agents
 * (those started with {@code --capacity-provider NAME}); {@code autoScalingGroupArn} is recorded
 * as given.
 */
public record AutoScalingGroupProvider(String autoScalingGroupArn, ManagedScaling managedScaling,
    String managedTerminationProtection, String managedDraining) {

  public boolean terminationProtected() {
    return ManagedScaling.ENABLED.equals(managedTerminationProtection);
  }
}
