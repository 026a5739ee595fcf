package io.gantry.model.taskdef;

import java.util.Map;

/** FireLens log routing settings of a log-router container (ECS {@code FirelensConfiguration}). */
public record FirelensConfiguration(String type, Map<String, String> options) {
  public FirelensConfiguration {
    options = WireCollections.map(options);
  }
}
