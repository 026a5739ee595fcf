package io.gantry.agent.runtime.fake;

import io.gantry.agent.runtime.StorageSpec;
import io.gantry.agent.runtime.VolumeResult;
import io.gantry.agent.runtime.VolumeSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fake runtime's volumes, by name. Called under the runtime's lock. */
final class FakeVolumes {
  private final Map<String, VolumeSpec> volumes = new LinkedHashMap<>();

  VolumeResult ensure(VolumeSpec spec) {
    if (volumes.containsKey(spec.name())) {
      return new VolumeResult.Ready(spec.name(), false);
    }
    if (!spec.mayCreate()) {
      return new VolumeResult.Failed(spec.name(), "CannotCreateVolumeError: volume "
          + spec.name() + " does not exist and autoprovision is false");
    }
    volumes.put(spec.name(), spec);
    return new VolumeResult.Ready(spec.name(), true);
  }

  /** Removes the volume unless a container (running or not) still mounts it. */
  boolean remove(String name, Collection<FakeContainer> containers) {
    boolean inUse = containers.stream()
        .flatMap(c -> c.spec.storage().mounts().stream())
        .anyMatch(m -> m.kind() == StorageSpec.MountKind.VOLUME && m.source().equals(name));
    if (inUse) {
      return false;
    }
    volumes.remove(name);
    return true;
  }

  List<String> list(Map<String, String> labels) {
    return volumes.values().stream()
        .filter(v -> v.labels().entrySet().containsAll(labels.entrySet()))
        .map(VolumeSpec::name)
        .toList();
  }
}
