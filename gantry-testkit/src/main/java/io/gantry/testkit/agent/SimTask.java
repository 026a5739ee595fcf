package io.gantry.testkit.agent;

import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.task.DesiredStatus;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskContainer;
import io.gantry.model.task.TaskStatus;
import io.gantry.model.task.TaskStatusRules;
import io.gantry.model.task.TaskStatusUpdate;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.TaskDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;

/**
 * One task on a simulated agent: desired and known status, its containers, the times ECS shows,
 * and what was last reported. Known status follows the containers through the same lifecycle
 * rules the control plane and the real agent use ({@link TaskStatusRules}): the task runs once
 * every container has started, an essential container that stops stops the task, and a container
 * that never ran fails it with its reason. Reports say what the real agent says: RUNNING (also
 * while stopping) and STOPPED, nothing while PENDING, the stop code and reason with STOPPED.
 * Mutable; confined to its agent's monitor.
 */
final class SimTask {
  TaskAssignment assignment;
  final List<SimContainer> containers;
  TaskStatus known = TaskStatus.PENDING;
  DesiredStatus desired;
  String stopCode;
  String stoppedReason;
  Instant pullStartedAt;
  Instant pullStoppedAt;
  Instant startedAt;
  Instant executionStoppedAt;
  /** The last report without its id, to tell whether there is anything new to say. */
  AgentMessage.TaskStateChange reported;
  /** Pending start, exit and stop timers; cancelled when the task is gone. */
  final List<Future<?>> timers = new ArrayList<>();

  SimTask(TaskAssignment assignment, TaskScripts scripts, Instant now) {
    this.assignment = assignment;
    Task task = assignment.task();
    TaskDefinition td = assignment.taskDefinition();
    List<SimContainer> list = new ArrayList<>();
    if (td != null) {
      for (ContainerDefinition def : td.containerDefinitions()) {
        list.add(new SimContainer(def, scripts.scriptFor(task, td, def)));
      }
    }
    this.containers = List.copyOf(list);
    this.desired = DesiredStatus.parse(task.desiredStatus()).orElse(DesiredStatus.RUNNING);
    this.pullStartedAt = desired == DesiredStatus.RUNNING ? now : null;
  }

  String taskArn() {
    return assignment.task().taskArn();
  }

  String networkMode() {
    TaskDefinition td = assignment.taskDefinition();
    return td == null || td.networkMode() == null ? "bridge" : td.networkMode();
  }

  SimContainer container(String name) {
    for (SimContainer c : containers) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("no container " + name + " in " + taskArn());
  }

  /** The control plane wants it stopped; the stop code and reason come from its record when reported. */
  void stopWanted() {
    desired = DesiredStatus.STOPPED;
  }

  /**
   * Moves known and desired status on from what the containers show, fills in the times, and
   * returns the containers still to be stopped (not yet STOPPED while the task is wanted STOPPED).
   */
  List<SimContainer> settle(Instant now) {
    if (containers.isEmpty()) { // no definition: nothing can run
      known = TaskStatus.STOPPED;
      executionStoppedAt = now;
      return List.of();
    }
    List<TaskContainer> facts = new ArrayList<>(containers.size());
    containers.forEach(c -> facts.add(c.facts()));
    TaskStatusUpdate update = TaskStatusRules.nextTaskStatus(known, desired, facts);
    if (update.stopCode() != null && stopCode == null) {
      stopCode = update.stopCode().wireName();
      stoppedReason = update.stoppedReason();
    }
    known = update.lastStatus();
    desired = update.desiredStatus();
    if (known == TaskStatus.RUNNING && startedAt == null) {
      startedAt = now;
    }
    if (known == TaskStatus.STOPPED && executionStoppedAt == null) {
      executionStoppedAt = now;
    }
    List<SimContainer> toStop = new ArrayList<>();
    if (desired == DesiredStatus.STOPPED) {
      containers.stream().filter(c -> !c.stopped()).forEach(toStop::add);
    }
    return toStop;
  }

  /** The state change to send now with {@code id}, or null when there is nothing new to say. */
  AgentMessage.TaskStateChange changeToReport(long id) {
    AgentMessage.TaskStateChange now = change(0);
    if (now == null || Objects.equals(now, reported)) {
      return null;
    }
    reported = now;
    return change(id);
  }

  private AgentMessage.TaskStateChange change(long id) {
    String status = switch (known) {
      case RUNNING, ACTIVATING, DEACTIVATING, STOPPING, DEPROVISIONING -> startedAt == null ? null : "RUNNING";
      case STOPPED -> "STOPPED";
      default -> null;
    };
    if (status == null) {
      return null;
    }
    boolean stopped = known == TaskStatus.STOPPED;
    Task task = assignment.task();
    List<AgentMessage.ContainerStateChange> reports = new ArrayList<>(containers.size());
    containers.forEach(c -> reports.add(c.report()));
    return new AgentMessage.TaskStateChange(id, taskArn(), status,
        stopped ? (stoppedReason != null ? stoppedReason : task.stoppedReason()) : null,
        stopped ? (stopCode != null ? stopCode : task.stopCode()) : null,
        pullStartedAt, pullStoppedAt, startedAt, stopped ? executionStoppedAt : null, reports);
  }

  void cancelTimers() {
    timers.forEach(f -> f.cancel(false));
    timers.clear();
  }
}
