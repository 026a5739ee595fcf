package io.gantry.agent.engine;

import io.gantry.agent.runtime.ContainerState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TaskAction} found out, posted back to the engine thread. Runtime outcomes a task
 * definition can cause (a pull or create that fails) are values with an ECS reason; {@link Broken}
 * means the runtime itself failed and the action will be tried again.
 */
sealed interface ActionOutcome {
  String taskArn();

  /** The busy key the action held. */
  String key();

  /**
   * Images and volumes are ready, except for the containers in {@code failures} (name to ECS
   * reason); the pull times are null when nothing was pulled.
   */
  record Prepared(String taskArn, Instant pullStartedAt, Instant pullStoppedAt, Map<String, String> failures)
      implements ActionOutcome {
    public Prepared {
      failures = Map.copyOf(failures);
    }

    @Override
    public String key() {
      return TaskAction.PREPARE;
    }
  }

  /** The container was started; {@code state} is what inspect showed right after (null: gone). */
  record Started(String taskArn, String key, String runtimeId, String runtimeName, ContainerState state)
      implements ActionOutcome {
    public Started {
      Objects.requireNonNull(runtimeId, "runtimeId");
    }
  }

  /** The container could not be created or started; {@code runtimeId} is set if it was created. */
  record StartFailed(String taskArn, String key, String runtimeId, String reason) implements ActionOutcome {}

  /** The container was stopped; {@code state} is what inspect showed after (null: gone). */
  record Stopped(String taskArn, String key, ContainerState state) implements ActionOutcome {}

  /** The container was started again in place; {@code state} as inspected after (null: gone). */
  record Restarted(String taskArn, String key, ContainerState state) implements ActionOutcome {}

  /** The restart failed. */
  record RestartFailed(String taskArn, String key, String reason) implements ActionOutcome {}

  /** What inspect showed for a container (null: gone). */
  record Inspected(String taskArn, String key, ContainerState state) implements ActionOutcome {}

  /** The awsvpc task's pause container is gone. */
  record NetworkReleased(String taskArn) implements ActionOutcome {
    @Override
    public String key() {
      return TaskAction.NETWORK;
    }
  }

  /** The task's containers and volumes are gone. */
  record CleanedUp(String taskArn) implements ActionOutcome {
    @Override
    public String key() {
      return TaskAction.CLEANUP;
    }
  }

  /**
   * The runtime failed ({@code error}); nothing is known to have changed, except that a container
   * may have been created ({@code createdId} when known). The action is retried later.
   */
  record Broken(String taskArn, String key, String createdId, RuntimeException error) implements ActionOutcome {}
}
