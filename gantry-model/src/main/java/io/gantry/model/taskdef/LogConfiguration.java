package io.gantry.model.taskdef;

import java.util.List;
import java.util.Map;

/**
 * Where a container's logs go (ECS {@code LogConfiguration}): the log driver, its options and
 * secret options.
 */
public record LogConfiguration(
    String logDriver,
    Map<String, String> options,
    List<Secret> secretOptions) {
  public LogConfiguration {
    options = WireCollections.map(options);
    secretOptions = WireCollections.list(secretOptions);
  }
}
