package io.gantry.agent.engine;

import io.gantry.agent.runtime.ContainerState;
import io.gantry.api.agent.AgentMessage;
import io.gantry.model.task.Container;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.NetworkBinding;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskHealthRules;
import io.gantry.model.task.TaskStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine says about a task: the state change it reports to the control plane and the
 * ECS-shaped {@link Task} it shows locally. The agent reports RUNNING and STOPPED (a task that is
 * stopping shows as RUNNING until it has stopped, as ECS shows tasks on EC2 instances) and
 * nothing while the task is PENDING: the control plane already shows PENDING. The stop code and
 * reason travel with STOPPED. Pure.
 */
final class Reports {
  private Reports() {}

  /** The task status to report for a record, or null when there is nothing to report yet. */
  static String reportedStatus(TaskRecord task) {
    return switch (task.known()) {
      case RUNNING, ACTIVATING, DEACTIVATING, STOPPING, DEPROVISIONING ->
          task.startedAt() == null ? null : TaskStatus.RUNNING.name();
      case STOPPED -> TaskStatus.STOPPED.name();
      default -> null;
    };
  }

  /** The state change for {@code task} with {@code id}; null when there is nothing to report. */
  static AgentMessage.TaskStateChange change(TaskRecord task, long id) {
    String status = reportedStatus(task);
    if (status == null) {
      return null;
    }
    boolean stopped = task.known() == TaskStatus.STOPPED;
    String stopCode = task.stopCode() != null ? task.stopCode() : task.assignment().task().stopCode();
    String reason = task.stoppedReason() != null ? task.stoppedReason()
        : task.assignment().task().stoppedReason();
    List<AgentMessage.ContainerStateChange> containers = new ArrayList<>();
    List<io.gantry.model.task.TaskContainer> facts = task.taskContainers();
    for (int i = 0; i < task.containers().size(); i++) {
      ContainerRecord c = task.containers().get(i);
      containers.add(new AgentMessage.ContainerStateChange(c.name(), c.runtimeId(), c.status().name(),
          c.exitCode(), c.reason(), facts.get(i).health().name(), c.networkBindings()));
    }
    return new AgentMessage.TaskStateChange(id, task.taskArn(), status, stopped ? reason : null,
        stopped ? stopCode : null, task.pullStartedAt(), task.pullStoppedAt(), task.startedAt(),
        stopped ? task.executionStoppedAt() : null, containers);
  }

  /** The change without its id, to tell whether anything new would be said. */
  static AgentMessage.TaskStateChange fingerprint(TaskRecord task) {
    return change(task, 0);
  }

  /** The task as ECS would describe it from this agent's knowledge. */
  static Task view(TaskRecord task) {
    Task assigned = task.assignment().task();
    List<io.gantry.model.task.TaskContainer> facts = task.taskContainers();
    List<Container> containers = new ArrayList<>();
    for (int i = 0; i < task.containers().size(); i++) {
      ContainerRecord c = task.containers().get(i);
      Container base = baseContainer(assigned, task, c.name());
      containers.add(base.withRuntime(c.runtimeId(), base.imageDigest())
          .withStatus(c.status().name(), c.exitCode(), c.reason())
          .withNetworkBindings(c.networkBindings())
          .withHealthStatus(facts.get(i).health().name()));
    }
    boolean stopped = task.known() == TaskStatus.STOPPED;
    return assigned.toBuilder()
        .desiredStatus(task.desired().name())
        .lastStatus(task.known().name())
        .containers(containers)
        .healthStatus(TaskHealthRules.taskHealth(facts).name())
        .pullStartedAt(task.pullStartedAt())
        .pullStoppedAt(task.pullStoppedAt())
        .startedAt(task.startedAt())
        .executionStoppedAt(task.executionStoppedAt())
        .stopCode(stopped && task.stopCode() != null ? task.stopCode() : assigned.stopCode())
        .stoppedReason(stopped && task.stoppedReason() != null ? task.stoppedReason() : assigned.stoppedReason())
        .build();
  }

  private static Container baseContainer(Task assigned, TaskRecord task, String name) {
    if (assigned.containers() != null) {
      for (Container c : assigned.containers()) {
        if (name.equals(c.name())) {
          return c;
        }
      }
    }
    return new Container(null, task.taskArn(), name, task.definition(name).image(), null, null, null,
        null, null, null, null, null, null, null, null, null, null);
  }

  /** The runtime's port bindings as ECS network bindings. */
  static List<NetworkBinding> bindings(ContainerState state) {
    List<NetworkBinding> out = new ArrayList<>();
    for (io.gantry.agent.runtime.NetworkBinding b : state.networkBindings()) {
      out.add(new NetworkBinding(b.bindIp(), b.containerPort(), b.hostPort(), b.protocol(), null, null));
    }
    return out;
  }

  /** The runtime's health as ECS health: no check or still starting is UNKNOWN. */
  static HealthStatus health(io.gantry.agent.runtime.HealthStatus health) {
    return switch (health) {
      case HEALTHY -> HealthStatus.HEALTHY;
      case UNHEALTHY -> HealthStatus.UNHEALTHY;
      case STARTING, NONE -> HealthStatus.UNKNOWN;
    };
  }
}
