package io.gantry.agent.runtime;

import java.util.Objects;

/**
 * A container port published on the host as the runtime actually bound it (the runtime-side
 * form of an ECS {@code NetworkBinding}); {@code protocol} is {@code tcp} or {@code udp}.
 */
public record NetworkBinding(String bindIp, int containerPort, int hostPort, String protocol) {
  public NetworkBinding {
    Objects.requireNonNull(bindIp, "bindIp");
    Objects.requireNonNull(protocol, "protocol");
  }
}
