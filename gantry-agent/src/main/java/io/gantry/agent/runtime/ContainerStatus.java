package io.gantry.agent.runtime;

/** Where a container is in its runtime life: created, running, or stopped (exited or dead). */
public enum ContainerStatus {
  CREATED,
  RUNNING,
  STOPPED
}
