package io.gantry.model.taskdef;

import io.gantry.model.KeyValuePair;
import java.util.List;

/** The App Mesh proxy configuration of a task definition (ECS {@code ProxyConfiguration}). */
public record ProxyConfiguration(String type, String containerName, List<KeyValuePair> properties) {
  public ProxyConfiguration {
    properties = WireCollections.list(properties);
  }
}
