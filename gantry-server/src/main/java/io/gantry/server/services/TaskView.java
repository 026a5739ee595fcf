package io.gantry.server.services;

import io.gantry.model.task.DesiredStatus;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.StoppedReasons;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskStatus;
import io.gantry.model.task.TaskStopCode;
import java.time.Instant;

/**
 * What the service reconciler needs to know about one of a service's tasks: its deployment
 * (the task's {@code startedBy}), where it is in its lifecycle, its health, when it started and
 * stopped, whether it stopped by failing (failed to start, an essential container exited, failed
 * container health checks), and the state of its container instance. Immutable.
 *
 * @param host OK, DRAINING (the task is to be replaced elsewhere) or LOST (its agent stayed
 *     disconnected past the grace: the task is given up at once)
 * @param capacityProvider the capacity provider the task was placed with (null: none)
 */
record TaskView(String id, String deploymentId, TaskStatus lastStatus, boolean wantedRunning, HealthStatus health,
    Instant createdAt, Instant startedAt, Instant stoppedAt, boolean failed, String instanceId, Host host,
    String capacityProvider) {

  enum Host { OK, DRAINING, LOST }

  /** A task placed without a capacity provider. */
  TaskView(String id, String deploymentId, TaskStatus lastStatus, boolean wantedRunning, HealthStatus health,
      Instant createdAt, Instant startedAt, Instant stoppedAt, boolean failed, String instanceId, Host host) {
    this(id, deploymentId, lastStatus, wantedRunning, health, createdAt, startedAt, stoppedAt, failed, instanceId, host,
        null);
  }

  /** The view of {@code task} (id {@code id}) on instance {@code instanceId} in state {@code host}. */
  static TaskView of(String id, Task task, String instanceId, Host host) {
    TaskStatus status = TaskStatus.parse(task.lastStatus()).orElse(TaskStatus.PENDING);
    boolean wanted = !DesiredStatus.STOPPED.name().equals(task.desiredStatus()) && status != TaskStatus.STOPPED;
    return new TaskView(id, task.startedBy(), status, wanted,
        HealthStatus.parse(task.healthStatus()).orElse(HealthStatus.UNKNOWN), task.createdAt(), task.startedAt(),
        task.stoppedAt(), status == TaskStatus.STOPPED && failed(task), instanceId, host, task.capacityProviderName());
  }

  /** Whether a stopped task stopped by failing rather than being stopped (by a user, a scale-in, a lost host). */
  static boolean failed(Task task) {
    TaskStopCode code = TaskStopCode.parse(task.stopCode()).orElse(null);
    return code == TaskStopCode.TASK_FAILED_TO_START || code == TaskStopCode.ESSENTIAL_CONTAINER_EXITED
        || (code == TaskStopCode.SERVICE_SCHEDULER_INITIATED
            && StoppedReasons.FAILED_CONTAINER_HEALTH_CHECKS.equals(task.stoppedReason()));
  }

  boolean live() {
    return lastStatus != TaskStatus.STOPPED;
  }

  boolean running() {
    return lastStatus == TaskStatus.RUNNING;
  }
}
