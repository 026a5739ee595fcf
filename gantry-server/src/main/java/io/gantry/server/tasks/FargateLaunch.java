package io.gantry.server.tasks;

import io.gantry.api.ecs.task.NetworkConfiguration;

/**
 * What a launch on managed capacity (launch type FARGATE) carries beyond an EC2 launch: the
 * capacity provider the task shows ({@code FARGATE} or {@code FARGATE_SPOT}), the platform version
 * as resolved ({@code LATEST} is 1.4.0) and family (Linux), and the network configuration the
 * task's awsvpc interface is made from. Immutable.
 */
record FargateLaunch(String capacityProviderName, String platformVersion, String platformFamily,
    NetworkConfiguration network) {

  boolean spot() {
    return StoredTask.FARGATE_SPOT.equals(capacityProviderName);
  }
}
