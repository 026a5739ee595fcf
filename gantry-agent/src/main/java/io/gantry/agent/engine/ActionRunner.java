package io.gantry.agent.engine;

import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerRuntime;
import io.gantry.agent.runtime.ContainerSpec;
import io.gantry.agent.runtime.ContainerSpecs;
import io.gantry.agent.runtime.ContainerSummary;
import io.gantry.agent.runtime.CreateResult;
import io.gantry.agent.runtime.ImageResult;
import io.gantry.agent.runtime.SpecResult;
import io.gantry.agent.runtime.StartResult;
import io.gantry.agent.runtime.TaskContext;
import io.gantry.agent.runtime.VolumeResult;
import io.gantry.agent.runtime.VolumeSpec;
import io.gantry.model.taskdef.ContainerDefinition;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Runs one {@link TaskAction} against the container runtime and says what happened. Runs on a
 * worker thread and reads only the immutable task record it is given; the engine thread applies
 * the outcome. The random generator (runtime container names) is used under its own lock.
 */
final class ActionRunner {
  private final ContainerRuntime runtime;
  private final AgentPolicy policy;
  private final RandomGenerator random;
  private final TaskNetworkSteps network;

  private volatile String engineId = "";

  ActionRunner(ContainerRuntime runtime, AgentPolicy policy, RandomGenerator random) {
    this.network = new TaskNetworkSteps(runtime, policy);
    this.runtime = runtime;
    this.policy = policy;
    this.random = random;
  }

  /** The id stamped on every container this engine creates ({@link ContainerLabels#ENGINE_ID}). */
  void engineId(String id) {
    engineId = id;
  }

  /**
   * Runs {@code action} for {@code task}. {@code lookFirst}: a previous attempt to create this
   * container broke half-way, so look for it by its labels before creating it.
   */
  ActionOutcome run(TaskRecord task, TaskAction action, boolean lookFirst) {
    String created = null;
    try {
      if (action instanceof TaskAction.Prepare) {
        return prepare(task);
      } else if (action instanceof TaskAction.Start start) {
        ContainerRecord c = task.container(start.name());
        String id = c.runtimeId();
        String name = c.runtimeName();
        if (id == null && lookFirst) {
          ContainerSummary found = find(task.taskArn(), c.name());
          if (found != null) {
            id = found.runtimeId();
            name = found.name();
          }
        }
        if (id == null) {
          TaskContext ctx = Assignments.context(task.assignment(), policy, task.runtimeIds());
          ContainerDefinition def = task.definition(c.name());
          SpecResult spec;
          synchronized (random) {
            spec = ContainerSpecs.from(ctx, def, Assignments.overrides(task.assignment().task(), c.name()), random);
          }
          if (spec instanceof SpecResult.Refused refused) {
            return new ActionOutcome.StartFailed(task.taskArn(), c.name(), null, refused.reason());
          }
          ContainerSpec s = owned(((SpecResult.Ok) spec).spec());
          if (task.awsvpc()) {
            Optional<ContainerSpec> joined = network.joined(task, s);
            if (joined.isEmpty()) {
              return new ActionOutcome.StartFailed(task.taskArn(), c.name(), null,
                  TaskNetworkSteps.INIT_ERROR + "the task's pause container is gone");
            }
            s = joined.get();
          }
          CreateResult result = runtime.create(s);
          if (result instanceof CreateResult.Failed failed) {
            return new ActionOutcome.StartFailed(task.taskArn(), c.name(), null, failed.reason());
          }
          CreateResult.Created ok = (CreateResult.Created) result;
          id = ok.runtimeId();
          name = ok.name() == null ? s.name() : ok.name();
          created = id;
        }
        StartResult started = runtime.start(id);
        if (started instanceof StartResult.Failed failed) {
          return new ActionOutcome.StartFailed(task.taskArn(), c.name(), id, failed.reason());
        }
        return new ActionOutcome.Started(task.taskArn(), c.name(), id, name, runtime.inspect(id).orElse(null));
      } else if (action instanceof TaskAction.Stop stop) {
        ContainerRecord c = task.container(stop.name());
        runtime.stop(c.runtimeId(), Assignments.stopTimeout(task.assignment(), task.definition(c.name()), policy));
        return new ActionOutcome.Stopped(task.taskArn(), c.name(), runtime.inspect(c.runtimeId()).orElse(null));
      } else if (action instanceof TaskAction.Restart restart) {
        ContainerRecord c = task.container(restart.name());
        StartResult started = runtime.start(c.runtimeId());
        if (started instanceof StartResult.Failed failed) {
          return new ActionOutcome.RestartFailed(task.taskArn(), c.name(), failed.reason());
        }
        return new ActionOutcome.Restarted(task.taskArn(), c.name(), runtime.inspect(c.runtimeId()).orElse(null));
      } else if (action instanceof TaskAction.ReleaseNetwork) {
        network.release(task);
        return new ActionOutcome.NetworkReleased(task.taskArn());
      } else if (action instanceof TaskAction.Inspect inspect) {
        ContainerRecord c = task.container(inspect.name());
        return new ActionOutcome.Inspected(task.taskArn(), c.name(), runtime.inspect(c.runtimeId()).orElse(null));
      } else {
        return cleanup(task);
      }
    } catch (RuntimeException e) {
      return new ActionOutcome.Broken(task.taskArn(), action.key(), created, e);
    }
  }

  /** The spec with this engine's id among its labels. */
  private ContainerSpec owned(ContainerSpec s) {
    Map<String, String> labels = new LinkedHashMap<>(s.labels());
    labels.put(ContainerLabels.ENGINE_ID, engineId);
    return new ContainerSpec(s.name(), s.image(), labels, s.process(), s.resources(), s.network(),
        s.security(), s.storage(), s.healthCheck(), s.stopTimeout());
  }

  private ContainerSummary find(String taskArn, String containerName) {
    List<ContainerSummary> found = runtime.list(Map.of(
        ContainerLabels.TASK_ARN, taskArn, ContainerLabels.CONTAINER_NAME, containerName));
    return found.isEmpty() ? null : found.get(0);
  }

  /** Ensures each distinct image once, then the task volumes; failures name the containers they stop. */
  private ActionOutcome prepare(TaskRecord task) {
    Map<String, String> failures = new LinkedHashMap<>();
    Map<String, ImageResult> byImage = new HashMap<>();
    Instant pullStarted = null;
    Instant pullStopped = null;
    for (ContainerRecord c : task.containers()) {
      if (c.runtimeId() != null) {
        continue; // adopted: its image is there
      }
      String image = task.definition(c.name()).image();
      ImageResult result = byImage.computeIfAbsent(image, runtime::ensureImage);
      Instant started = null;
      Instant stopped = null;
      if (result instanceof ImageResult.Pulled p) {
        started = p.pullStartedAt();
        stopped = p.pullStoppedAt();
      } else if (result instanceof ImageResult.Failed f) {
        started = f.pullStartedAt();
        stopped = f.pullStoppedAt();
        failures.put(c.name(), f.reason());
      }
      pullStarted = earliest(pullStarted, started);
      pullStopped = latest(pullStopped, stopped);
    }
    TaskContext ctx = Assignments.context(task.assignment(), policy, task.runtimeIds());
    for (VolumeSpec volume : ContainerSpecs.taskVolumes(ctx)) {
      if (runtime.ensureVolume(volume) instanceof VolumeResult.Failed f) {
        task.containers().forEach(c -> failures.putIfAbsent(c.name(), f.reason()));
      }
    }
    if (task.awsvpc() && failures.isEmpty()) {
      network.prepare(task, engineId).ifPresent(reason -> task.containers().forEach(c -> failures.put(c.name(),
          reason)));
    }
    return new ActionOutcome.Prepared(task.taskArn(), pullStarted, pullStopped, failures);
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  /** Removes every container of the task (known ids and any found by label), then its task volumes. */
  private ActionOutcome cleanup(TaskRecord task) {
    Set<String> ids = new LinkedHashSet<>(task.runtimeIds().values());
    for (ContainerSummary s : runtime.list(Map.of(ContainerLabels.TASK_ARN, task.taskArn()))) {
      ids.add(s.runtimeId());
    }
    ids.forEach(runtime::remove);
    if (task.awsvpc()) {
      runtime.removeTaskCgroup(TaskNetworkSteps.taskId(task.taskArn()));
    }
    TaskContext ctx = Assignments.context(task.assignment(), policy, task.runtimeIds());
    for (VolumeSpec volume : ContainerSpecs.taskVolumes(ctx)) {
      if (volume.scope() == VolumeSpec.Scope.TASK) {
        runtime.removeVolume(volume.name());
      }
    }
    return new ActionOutcome.CleanedUp(task.taskArn());
  }
}
