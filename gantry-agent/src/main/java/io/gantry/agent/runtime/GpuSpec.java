package io.gantry.agent.runtime;

import java.util.List;

/**
 * The GPUs pinned to one container and how the runtime hands them over. With no {@code runtime},
 * Docker gets a device request for exactly these devices through the {@code nvidia} driver (what
 * {@code docker run --gpus device=…} does with the NVIDIA Container Toolkit); with a runtime
 * name, the container runs under that OCI runtime (the ECS agent's {@code ECS_NVIDIA_RUNTIME},
 * usually {@code nvidia}), which reads {@code NVIDIA_VISIBLE_DEVICES}. The container's environment
 * carries {@code NVIDIA_VISIBLE_DEVICES} either way, as on ECS.
 *
 * @param deviceIds the GPU ids (UUIDs as {@code nvidia-smi} prints them), at least one
 * @param runtime the OCI runtime for GPU containers, or null for device requests
 */
public record GpuSpec(List<String> deviceIds, String runtime) {
  /** The Docker driver device requests go to. */
  public static final String DRIVER = "nvidia";
  /** The environment variable NVIDIA's runtime hook reads the visible devices from. */
  public static final String VISIBLE_DEVICES = "NVIDIA_VISIBLE_DEVICES";

  public GpuSpec {
    deviceIds = List.copyOf(deviceIds);
    if (deviceIds.isEmpty()) {
      throw new IllegalArgumentException("a GPU spec pins at least one device");
    }
    runtime = runtime == null || runtime.isBlank() ? null : runtime;
  }

  /** The value of {@link #VISIBLE_DEVICES}: the ids, comma-separated. */
  public String visibleDevices() {
    return String.join(",", deviceIds);
  }
}
