package io.gantry.agent.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A change of one container reported by the runtime, with the container's labels so a listener
 * can route it to the owning task without another call.
 */
public sealed interface RuntimeEvent {

  String runtimeId();

  Map<String, String> labels();

  Instant at();

  /** The container started running. */
  record Started(String runtimeId, Map<String, String> labels, Instant at) implements RuntimeEvent {
    public Started {
      Objects.requireNonNull(runtimeId, "runtimeId");
      labels = Map.copyOf(labels);
    }
  }

  /** The container's main process exited (or was killed) with {@code exitCode}. */
  record Died(String runtimeId, Map<String, String> labels, int exitCode, Instant at)
      implements RuntimeEvent {
    public Died {
      Objects.requireNonNull(runtimeId, "runtimeId");
      labels = Map.copyOf(labels);
    }
  }

  /** The container's health check result changed to {@code health}. */
  record HealthChanged(String runtimeId, Map<String, String> labels, HealthStatus health, Instant at)
      implements RuntimeEvent {
    public HealthChanged {
      Objects.requireNonNull(runtimeId, "runtimeId");
      Objects.requireNonNull(health, "health");
      labels = Map.copyOf(labels);
    }
  }
}
