package io.gantry.server.tasks;

import io.gantry.api.agent.AgentMessage.ContainerStateChange;
import io.gantry.api.agent.AgentMessage.TaskStateChange;
import io.gantry.model.task.Container;
import io.gantry.model.task.ContainerStatus;
import io.gantry.model.task.DesiredStatus;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.StatusTransition;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskContainer;
import io.gantry.model.task.TaskHealthRules;
import io.gantry.model.task.TaskStatus;
import io.gantry.server.network.TaskAttachments;
import io.gantry.model.task.TaskStatusRules;
import io.gantry.model.task.TaskStatusUpdate;
import io.gantry.model.task.TaskStopCode;
import io.gantry.model.taskdef.TaskDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agent's report does to a stored task, as a pure function of the task, its definition,
 * the report and the time. Known statuses (task and container) only move forward; a stale or
 * repeated report changes nothing. The task's status is the later of what the agent says and
 * what its containers imply ({@link TaskStatusRules}); its health comes from its containers
 * ({@link TaskHealthRules}). A stop code and reason already recorded (a user's StopTask) are
 * kept; otherwise the agent's are taken, else the ones the containers imply. Times are filled in
 * once, the way ECS fills them. Every change counts as one more task version.
 */
final class TaskProgress {
  private TaskProgress() {}

  /** {@code task} after {@code change}; the same task when the report changes nothing. */
  static Task apply(Task task, TaskDefinition td, TaskStateChange change, Instant now) {
    TaskStatus current = TaskStatus.parse(task.lastStatus()).orElse(TaskStatus.PENDING);
    if (current == TaskStatus.STOPPED) {
      return task;
    }
    Map<String, ContainerStateChange> reports = new HashMap<>();
    for (ContainerStateChange c : change.containers()) {
      reports.put(c.containerName(), c);
    }
    List<Container> containers = new ArrayList<>();
    for (Container c : task.containers()) {
      ContainerStateChange report = reports.get(c.name());
      containers.add(report == null ? c : merge(c, report, healthChecked(td, c.name())));
    }

    DesiredStatus desired = DesiredStatus.parse(task.desiredStatus()).orElse(DesiredStatus.RUNNING);
    TaskStatusUpdate derived = TaskStatusRules.nextTaskStatus(current, desired, facts(td, containers));
    TaskStatus reported = TaskStatus.parse(change.lastStatus()).orElse(current);
    TaskStatus next = TaskStatus.latest(derived.lastStatus(), TaskStatus.latest(current, reported));
    if (next == TaskStatus.STOPPED && reported != TaskStatus.STOPPED && TaskAttachments.hasEni(task)) {
      // An awsvpc task's containers have stopped, but its agent still holds its address (the pause
      // container): DEPROVISIONING, as ECS shows it, until the agent reports STOPPED.
      next = TaskStatus.DEPROVISIONING;
    }
    DesiredStatus nextDesired = derived.desiredStatus().given(next);
    if (next == TaskStatus.STOPPED) {
      containers = stopped(containers);
    }

    String stopCode = task.stopCode();
    String stoppedReason = task.stoppedReason();
    if (stopCode == null && nextDesired == DesiredStatus.STOPPED) {
      var agentCode = TaskStopCode.parse(change.stopCode());
      if (agentCode.isPresent()) {
        stopCode = agentCode.get().wireName();
        stoppedReason = change.reason() != null ? change.reason() : derived.stoppedReason();
      } else if (derived.stopCode() != null) {
        stopCode = derived.stopCode().wireName();
        stoppedReason = derived.stoppedReason();
      } else if (stoppedReason == null) {
        stoppedReason = change.reason();
      }
    }

    Task next0 = task.toBuilder()
        .containers(containers)
        .lastStatus(next.name())
        .desiredStatus(nextDesired.name())
        .stopCode(stopCode)
        .stoppedReason(stoppedReason)
        .healthStatus(TaskHealthRules.taskHealth(facts(td, containers)).name())
        .connectivity(task.connectivity() == null ? "CONNECTED" : task.connectivity())
        .connectivityAt(task.connectivityAt() == null ? now : task.connectivityAt())
        .pullStartedAt(first(task.pullStartedAt(), change.pullStartedAt()))
        .pullStoppedAt(first(task.pullStoppedAt(), change.pullStoppedAt()))
        .startedAt(first(task.startedAt(), change.startedAt(), next == TaskStatus.RUNNING ? now : null))
        .stoppingAt(first(task.stoppingAt(), nextDesired == DesiredStatus.STOPPED ? now : null))
        .executionStoppedAt(first(task.executionStoppedAt(), change.executionStoppedAt(),
            next == TaskStatus.STOPPED ? now : null))
        .stoppedAt(next == TaskStatus.STOPPED ? first(task.stoppedAt(), now) : task.stoppedAt())
        .build();
    return next0.equals(task) ? task : next0.withVersion(nextVersion(task));
  }

  /** {@code task} stopped at once, without an agent: every container STOPPED, the stop times set. */
  static Task stoppedNow(Task task, Instant now) {
    return task.toBuilder()
        .lastStatus(TaskStatus.STOPPED.name())
        .desiredStatus(DesiredStatus.STOPPED.name())
        .containers(stopped(task.containers()))
        .stoppingAt(first(task.stoppingAt(), now))
        .executionStoppedAt(first(task.executionStoppedAt(), now))
        .stoppedAt(first(task.stoppedAt(), now))
        .build();
  }

  static long nextVersion(Task task) {
    return task.version() == null ? 1 : task.version() + 1;
  }

  private static Container merge(Container c, ContainerStateChange report, boolean healthChecked) {
    ContainerStatus current = ContainerStatus.parse(c.lastStatus()).orElse(ContainerStatus.PENDING);
    ContainerStatus reported = ContainerStatus.parse(report.lastStatus()).orElse(current);
    if (current == ContainerStatus.STOPPED || current.transitionTo(reported) == StatusTransition.BACKWARD) {
      return c;
    }
    Container out = c.withStatus(reported.name(),
        report.exitCode() != null ? report.exitCode() : c.exitCode(),
        report.reason() != null ? report.reason() : c.reason());
    if (report.runtimeId() != null) {
      out = out.withRuntime(report.runtimeId(), c.imageDigest());
    }
    if (!report.networkBindings().isEmpty()) {
      out = out.withNetworkBindings(report.networkBindings());
    }
    HealthStatus health = HealthStatus.parse(report.healthStatus()).orElse(null);
    if (health != null) {
      out = out.withHealthStatus(TaskHealthRules.containerHealth(healthChecked, health).name());
    }
    return out;
  }

  private static List<Container> stopped(List<Container> containers) {
    List<Container> out = new ArrayList<>(containers.size());
    for (Container c : containers) {
      out.add(ContainerStatus.STOPPED.name().equals(c.lastStatus()) ? c
          : c.withStatus(ContainerStatus.STOPPED.name(), c.exitCode(), c.reason()));
    }
    return out;
  }

  /** The lifecycle facts of the containers; without a definition each counts as essential and unchecked. */
  private static List<TaskContainer> facts(TaskDefinition td, List<Container> containers) {
    if (td != null) {
      return TaskContainer.of(td, containers);
    }
    List<TaskContainer> out = new ArrayList<>();
    for (Container c : containers) {
      out.add(new TaskContainer(c.name(), true, false,
          ContainerStatus.parse(c.lastStatus()).orElse(ContainerStatus.PENDING),
          HealthStatus.parse(c.healthStatus()).orElse(HealthStatus.UNKNOWN), c.exitCode(), c.reason()));
    }
    return out;
  }

  private static boolean healthChecked(TaskDefinition td, String container) {
    return td != null && td.containerDefinitions().stream()
        .anyMatch(d -> d.name().equals(container) && d.healthCheck() != null);
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
