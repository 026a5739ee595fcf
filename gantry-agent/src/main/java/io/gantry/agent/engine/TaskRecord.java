package io.gantry.agent.engine;

import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.task.DesiredStatus;
import io.gantry.model.task.TaskContainer;
import io.gantry.model.task.TaskHealthRules;
import io.gantry.model.task.TaskStatus;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.ContainerDependency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the engine knows about one task, as persisted in its state directory: the assignment
 * it came with, the desired status (the control plane's, or STOPPED once the engine decided the
 * task must stop), the known status (forward only), whether images and volumes are ready, why it
 * stopped, its timestamps, its containers in definition order, the last state change it
 * reported, and (awsvpc tasks) whether its pause container is gone. Immutable; the methods return changed copies.
 */
record TaskRecord(
    TaskAssignment assignment,
    DesiredStatus desired,
    TaskStatus known,
    boolean prepared,
    String stopCode,
    String stoppedReason,
    Instant pullStartedAt,
    Instant pullStoppedAt,
    Instant startedAt,
    Instant executionStoppedAt,
    Instant cleanupAt,
    List<ContainerRecord> containers,
    AgentMessage.TaskStateChange lastReported,
    Boolean networkReleased) {

  TaskRecord {
    Objects.requireNonNull(assignment, "assignment");
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(known, "known");
    containers = List.copyOf(containers);
    networkReleased = Boolean.TRUE.equals(networkReleased);
  }

  /** True for an awsvpc task: its containers share the network namespace of a pause container. */
  boolean awsvpc() {
    return assignment.network() != null;
  }

  /** True once an awsvpc task's pause container (and so its address) is given up. */
  boolean networkGone() {
    return Boolean.TRUE.equals(networkReleased);
  }

  /** The pause container is removed: the task's address is free on this instance. */
  TaskRecord networkReleasedNow() {
    return new TaskRecord(assignment, desired, known, prepared, stopCode, stoppedReason, pullStartedAt,
        pullStoppedAt, startedAt, executionStoppedAt, cleanupAt, containers, lastReported, true);
  }

  /** A task just assigned: PENDING, every container WAITING. */
  static TaskRecord assigned(TaskAssignment assignment, DesiredStatus desired) {
    List<ContainerRecord> containers = new ArrayList<>();
    for (ContainerDefinition def : assignment.taskDefinition().containerDefinitions()) {
      containers.add(ContainerRecord.waiting(def.name()));
    }
    return new TaskRecord(assignment, desired, TaskStatus.PENDING, false, null, null, null, null,
        null, null, null, containers, null, false);
  }

  String taskArn() {
    return assignment.task().taskArn();
  }

  ContainerDefinition definition(String name) {
    for (ContainerDefinition def : assignment.taskDefinition().containerDefinitions()) {
      if (def.name().equals(name)) {
        return def;
      }
    }
    throw new IllegalArgumentException("No container " + name + " in " + taskArn());
  }

  ContainerRecord container(String name) {
    for (ContainerRecord c : containers) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("No container " + name + " in " + taskArn());
  }

  boolean hasContainer(String name) {
    return containers.stream().anyMatch(c -> c.name().equals(name));
  }

  Map<String, ContainerRecord> containersByName() {
    Map<String, ContainerRecord> byName = new LinkedHashMap<>();
    containers.forEach(c -> byName.put(c.name(), c));
    return byName;
  }

  /** The runtime ids of the containers created so far, by container name. */
  Map<String, String> runtimeIds() {
    Map<String, String> ids = new LinkedHashMap<>();
    containers.stream().filter(c -> c.runtimeId() != null).forEach(c -> ids.put(c.name(), c.runtimeId()));
    return ids;
  }

  /** The facts the model's lifecycle rules ({@code TaskStatusRules}) derive the task from. */
  List<TaskContainer> taskContainers() {
    List<TaskContainer> facts = new ArrayList<>();
    for (ContainerRecord c : containers) {
      ContainerDefinition def = definition(c.name());
      boolean checked = def.healthCheck() != null;
      facts.add(new TaskContainer(c.name(), def.essentialOrDefault(), checked, c.status(),
          TaskHealthRules.containerHealth(checked, c.health()), c.exitCode(), c.reason()));
    }
    return facts;
  }

  /** True when every container that depends on {@code name} (dependsOn) has stopped. */
  boolean dependentsStopped(String name) {
    for (ContainerRecord c : containers) {
      if (c.stopped()) {
        continue;
      }
      for (ContainerDependency d : listOrEmpty(definition(c.name()).dependsOn())) {
        if (name.equals(d.containerName())) {
          return false;
        }
      }
    }
    return true;
  }

  static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  TaskRecord withContainer(ContainerRecord changed) {
    List<ContainerRecord> next = new ArrayList<>(containers.size());
    for (ContainerRecord c : containers) {
      next.add(c.name().equals(changed.name()) ? changed : c);
    }
    return withContainers(next);
  }

  TaskRecord withContainers(List<ContainerRecord> next) {
    return new TaskRecord(assignment, desired, known, prepared, stopCode, stoppedReason,
        pullStartedAt, pullStoppedAt, startedAt, executionStoppedAt, cleanupAt, next, lastReported, networkReleased);
  }

  /** Wanted STOPPED; the stop code and reason are recorded unless one is already. */
  TaskRecord stopWanted(String code, String reason) {
    boolean keep = stopCode != null || stoppedReason != null;
    return new TaskRecord(assignment, DesiredStatus.STOPPED, known, prepared,
        keep ? stopCode : code, keep ? stoppedReason : reason, pullStartedAt, pullStoppedAt,
        startedAt, executionStoppedAt, cleanupAt, containers, lastReported, networkReleased);
  }

  /** Images and volumes are ready (pull times null when nothing was pulled). */
  TaskRecord preparedAt(Instant pullStarted, Instant pullStopped) {
    return new TaskRecord(assignment, desired, known, true, stopCode, stoppedReason, pullStarted,
        pullStopped, startedAt, executionStoppedAt, cleanupAt, containers, lastReported, networkReleased);
  }

  /**
   * Moved to {@code next} at {@code now}: RUNNING stamps {@code startedAt}; STOPPED stamps
   * {@code executionStoppedAt} and schedules the clean-up {@code cleanupDelay} later.
   */
  TaskRecord knownAs(TaskStatus next, Instant now, Duration cleanupDelay) {
    if (next == known) {
      return this;
    }
    Instant started = startedAt;
    if (next == TaskStatus.RUNNING && started == null) {
      started = now;
    }
    Instant stopped = executionStoppedAt;
    Instant cleanup = cleanupAt;
    if (next == TaskStatus.STOPPED) {
      stopped = stopped == null ? now : stopped;
      cleanup = now.plus(cleanupDelay);
    }
    return new TaskRecord(assignment, desired, next, prepared, stopCode, stoppedReason,
        pullStartedAt, pullStoppedAt, started, stopped, cleanup, containers, lastReported, networkReleased);
  }

  /** The control plane's newer word on the task (e.g. its stop code), the definition unchanged. */
  TaskRecord withAssignment(TaskAssignment newer) {
    TaskAssignment merged = new TaskAssignment(newer.task(), assignment.taskDefinition(),
        assignment.reservedHostPorts(), assignment.network(), newer.stopTimeoutSeconds());
    return new TaskRecord(merged, desired, known, prepared, stopCode, stoppedReason, pullStartedAt,
        pullStoppedAt, startedAt, executionStoppedAt, cleanupAt, containers, lastReported, networkReleased);
  }

  TaskRecord reported(AgentMessage.TaskStateChange change) {
    return new TaskRecord(assignment, desired, known, prepared, stopCode, stoppedReason,
        pullStartedAt, pullStoppedAt, startedAt, executionStoppedAt, cleanupAt, containers, change, networkReleased);
  }
}
