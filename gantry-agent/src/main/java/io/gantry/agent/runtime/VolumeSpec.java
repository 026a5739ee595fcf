package io.gantry.agent.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Docker-managed volume a task needs: its runtime name, scope (a task volume lives and dies with
 * its task; a shared one outlives it), whether it may be created when missing, and the driver,
 * driver options and labels it is created with.
 */
public record VolumeSpec(
    String name,
    Scope scope,
    boolean autoprovision,
    String driver,
    Map<String, String> driverOptions,
    Map<String, String> labels) {

  /** ECS {@code dockerVolumeConfiguration.scope}. */
  public enum Scope {
    TASK,
    SHARED
  }

  public VolumeSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(scope, "scope");
    driver = driver == null ? "local" : driver;
    driverOptions = Collections.unmodifiableMap(new LinkedHashMap<>(driverOptions));
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** True when a missing volume may be created: always for task scope, else if autoprovision. */
  public boolean mayCreate() {
    return scope == Scope.TASK || autoprovision;
  }
}
