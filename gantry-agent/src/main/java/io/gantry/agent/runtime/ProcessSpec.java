package io.gantry.agent.runtime;

import java.util.List;
import java.util.Map;

/**
 * How the container's process runs: entry point and command (null: the image's), environment in
 * definition order, working directory, user, whether an init process reaps zombies as PID 1, and
 * whether stdin stays open and a TTY is allocated.
 */
public record ProcessSpec(
    List<String> entryPoint,
    List<String> command,
    Map<String, String> environment,
    String workingDirectory,
    String user,
    boolean init,
    boolean interactive,
    boolean pseudoTerminal) {

  public ProcessSpec {
    entryPoint = Copies.listOrNull(entryPoint);
    command = Copies.listOrNull(command);
    environment = Copies.orderedMap(environment);
  }
}
