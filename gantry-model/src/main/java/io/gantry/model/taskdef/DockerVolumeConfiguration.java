package io.gantry.model.taskdef;

import java.util.Map;

/**
 * A Docker-managed volume (ECS {@code DockerVolumeConfiguration}): its scope, driver, options
 * and labels.
 */
public record DockerVolumeConfiguration(
    String scope,
    Boolean autoprovision,
    String driver,
    Map<String, String> driverOpts,
    Map<String, String> labels) {
  public DockerVolumeConfiguration {
    driverOpts = WireCollections.map(driverOpts);
    labels = WireCollections.map(labels);
  }
}
