package io.gantry.agent.session;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * The GPUs this machine offers and how containers get them. The ids are registered as the
 * instance's {@code platformDevices} (type GPU), so the control plane assigns them to tasks; the
 * agent pins each container's ids (see {@code GpuSpec}). {@code nvidiaRuntime}, when set, is the OCI
 * runtime GPU containers run under (the ECS agent's {@code ECS_NVIDIA_RUNTIME}); null: Docker device
 * requests through the nvidia driver.
 *
 * @param ids the GPU ids (UUIDs as {@code nvidia-smi} prints them); empty: no GPUs
 * @param nvidiaRuntime the OCI runtime for GPU containers, or null
 */
public record GpuSettings(List<String> ids, String nvidiaRuntime) {
  public static final GpuSettings NONE = new GpuSettings(List.of(), null);

  public GpuSettings {
    ids = List.copyOf(new LinkedHashSet<>(ids));
    for (String id : ids) {
      if (id.isBlank() || id.length() > 255 || !id.matches("[\\x21-\\x7e]+")) {
        throw new IllegalArgumentException("a GPU id is 1-255 printable characters without spaces: '" + id + "'");
      }
    }
    nvidiaRuntime = nvidiaRuntime == null || nvidiaRuntime.isBlank() ? null : nvidiaRuntime;
  }

  /**
   * The settings of {@code --gpus}: {@code none}; {@code auto} (or unset), the GPUs {@code detect}
   * finds; or the ids themselves, comma-separated.
   */
  public static GpuSettings parse(String gpus, String nvidiaRuntime, Supplier<List<String>> detect) {
    String value = gpus == null ? "auto" : gpus.strip();
    if (value.isEmpty() || value.equalsIgnoreCase("auto")) {
      return new GpuSettings(detect.get(), nvidiaRuntime);
    }
    if (value.equalsIgnoreCase("none")) {
      return new GpuSettings(List.of(), nvidiaRuntime);
    }
    List<String> ids = new ArrayList<>();
    for (String id : value.split(",")) {
      if (!id.isBlank()) {
        ids.add(id.strip());
      }
    }
    return new GpuSettings(ids, nvidiaRuntime);
  }
}
