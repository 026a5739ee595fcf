package io.gantry.agent.runtime;

import io.gantry.model.KeyValuePair;
import java.util.List;

/**
 * The per-container overrides of a RunTask/StartTask call that change the container itself:
 * command (replaces), environment (merged by name over the definition's), CPU units and memory
 * limits in MiB. Absent members leave the definition's value.
 */
public record SpecOverrides(
    List<String> command,
    List<KeyValuePair> environment,
    Integer cpu,
    Integer memory,
    Integer memoryReservation) {

  public static final SpecOverrides NONE = new SpecOverrides(null, null, null, null, null);

  public SpecOverrides {
    command = command == null ? null : List.copyOf(command);
    environment = environment == null ? null : List.copyOf(environment);
  }
}
