package io.gantry.agent.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The container's privileges: privileged mode, read-only root file system, Linux capabilities
 * added and dropped (names without {@code CAP_}), host devices, security options
 * ({@code no-new-privileges}, …) and namespaced sysctls.
 */
public record SecuritySpec(
    boolean privileged,
    boolean readonlyRootFilesystem,
    List<String> capabilitiesAdded,
    List<String> capabilitiesDropped,
    List<Device> devices,
    List<String> securityOptions,
    Map<String, String> sysctls) {

  public SecuritySpec {
    capabilitiesAdded = Copies.list(capabilitiesAdded);
    capabilitiesDropped = Copies.list(capabilitiesDropped);
    devices = Copies.list(devices);
    securityOptions = Copies.list(securityOptions);
    sysctls = Copies.orderedMap(sysctls);
  }

  /** A host device exposed in the container; {@code permissions} in cgroup letters, e.g. {@code rwm}. */
  public record Device(String hostPath, String containerPath, String permissions) {
    public Device {
      Objects.requireNonNull(hostPath, "hostPath");
      Objects.requireNonNull(containerPath, "containerPath");
      Objects.requireNonNull(permissions, "permissions");
    }
  }
}
