package io.gantry.agent.engine;

import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerRuntime;
import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.ContainerStatus;
import io.gantry.agent.runtime.RuntimeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Containers found at start-up whose task the engine has no record of (its task files were lost,
 * or another agent shares the runtime). They wait for the first desired set: a task it assigns
 * here adopts its containers; with a full set, the rest are stopped and removed if this engine
 * created them (its id label) and left alone otherwise. Engine thread only; removal runs on a
 * worker.
 */
final class Orphans {
  private static final Logger log = LoggerFactory.getLogger(Orphans.class);

  private final ContainerRuntime runtime;
  private final Executor workers;
  private final Duration stopTimeout;
  private final Map<String, List<ContainerState>> byTask = new LinkedHashMap<>();

  Orphans(ContainerRuntime runtime, Executor workers, Duration stopTimeout) {
    this.runtime = runtime;
    this.workers = workers;
    this.stopTimeout = stopTimeout;
  }

  void add(String taskArn, List<ContainerState> states) {
    byTask.put(taskArn, new ArrayList<>(states));
  }

  /** A view by task ARN, for planning. */
  Map<String, List<ContainerState>> byTask() {
    return byTask;
  }

  int size() {
    return byTask.size();
  }

  /** The task's containers are adopted: no longer orphans. */
  void adopted(String taskArn) {
    byTask.remove(taskArn);
  }

  /** An orphan that dies before it is adopted is adopted as exited. */
  void onEvent(RuntimeEvent event) {
    List<ContainerState> states = byTask.get(event.labels().get(ContainerLabels.TASK_ARN));
    if (states == null || !(event instanceof RuntimeEvent.Died died)) {
      return;
    }
    states.replaceAll(s -> !s.runtimeId().equals(event.runtimeId()) ? s
        : new ContainerState(s.runtimeId(), s.name(), s.image(), ContainerStatus.STOPPED, died.exitCode(),
            s.health(), s.startedAt(), died.at(), s.networkBindings(), s.oomKilled(), s.error(), s.labels()));
  }

  /** A full desired set came: remove what this engine created from {@code unwanted}, forget all. */
  void settle(List<ContainerState> unwanted, String engineId) {
    for (ContainerState orphan : unwanted) {
      String arn = orphan.labels().get(ContainerLabels.TASK_ARN);
      if (!engineId.equals(orphan.labels().get(ContainerLabels.ENGINE_ID))) {
        log.warn("leaving container {} of unknown task {} alone: another engine created it",
            orphan.runtimeId(), arn);
        continue;
      }
      log.info("removing container {} of task {}, which is not assigned to this instance",
          orphan.runtimeId(), arn);
      try {
        workers.execute(() -> remove(orphan.runtimeId()));
      } catch (RejectedExecutionException e) {
        log.debug("engine closed", e);
      }
    }
    byTask.clear();
  }

  private void remove(String runtimeId) {
    try {
      runtime.stop(runtimeId, stopTimeout);
      runtime.remove(runtimeId);
    } catch (RuntimeException e) {
      log.warn("could not remove container {}", runtimeId, e);
    }
  }
}
