package io.gantry.agent.engine;

import java.util.Objects;

/**
 * One piece of runtime work the reconciler asks for; the engine runs it on a worker and posts
 * its {@link ActionOutcome} back to the engine thread. While it runs, its {@link #key} is busy
 * and the reconciler asks for nothing else under that key.
 */
sealed interface TaskAction {
  String PREPARE = "#prepare";
  String CLEANUP = "#cleanup";
  String NETWORK = "#network";

  /** What the action works on: a container name, or {@link #PREPARE} / {@link #CLEANUP} / {@link #NETWORK}. */
  String key();

  /** Make the task's images present (pulling what is missing) and create its task volumes. */
  record Prepare() implements TaskAction {
    @Override
    public String key() {
      return PREPARE;
    }
  }

  /** Create the container if it does not exist yet, then start it. */
  record Start(String name) implements TaskAction {
    public Start {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String key() {
      return name;
    }
  }

  /** Stop a running container: SIGTERM, then SIGKILL after its stop timeout. */
  record Stop(String name) implements TaskAction {
    public Stop {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String key() {
      return name;
    }
  }

  /** Start an exited container again in place (restart policy). */
  record Restart(String name) implements TaskAction {
    public Restart {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String key() {
      return name;
    }
  }

  /** Look at a container again: an event about it came while another action held it. */
  record Inspect(String name) implements TaskAction {
    public Inspect {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String key() {
      return name;
    }
  }

  /** Stop and remove an awsvpc task's pause container once its containers stopped, freeing its address. */
  record ReleaseNetwork() implements TaskAction {
    @Override
    public String key() {
      return NETWORK;
    }
  }

  /** Remove a stopped task's containers and task-scoped volumes, then forget the task. */
  record Cleanup() implements TaskAction {
    @Override
    public String key() {
      return CLEANUP;
    }
  }
}
