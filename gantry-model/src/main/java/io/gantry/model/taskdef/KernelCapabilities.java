package io.gantry.model.taskdef;

import java.util.List;

/**
 * Linux capabilities added to or dropped from a container's default set (ECS {@code
 * KernelCapabilities}).
 */
public record KernelCapabilities(List<String> add, List<String> drop) {
  public KernelCapabilities {
    add = WireCollections.list(add);
    drop = WireCollections.list(drop);
  }
}
