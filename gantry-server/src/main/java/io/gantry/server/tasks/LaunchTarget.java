package io.gantry.server.tasks;

import io.gantry.model.capacity.CapacityProvider;

/**
 * Where one part of a launch goes: the capacity provider its tasks are attributed to (null for a
 * launch by launch type) and the launch type they get. EC2-style providers (agents started with
 * {@code --capacity-provider}) launch EC2 tasks on their own instances; FARGATE and FARGATE_SPOT
 * launch FARGATE tasks. Immutable.
 */
record LaunchTarget(String capacityProviderName, String launchType) {
  static final String EC2 = "EC2";
  static final String FARGATE = "FARGATE";

  /** The target of capacity provider {@code name}. */
  static LaunchTarget of(String name) {
    return new LaunchTarget(name, CapacityProvider.builtIn(name) ? FARGATE : EC2);
  }

  boolean fargate() {
    return FARGATE.equals(launchType);
  }
}
