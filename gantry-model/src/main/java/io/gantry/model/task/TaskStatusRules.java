package io.gantry.model.task;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Derives a task's known status from its containers, the way the ECS agent does: the task is as
 * far along as its least advanced container, an essential container that stops stops the task,
 * and the result never goes back from where the task already is. Pure and stateless;
 * thread-safe.
 *
 * <p>Only the statuses a task's containers can show are derived: PENDING, RUNNING, STOPPING and
 * STOPPED. The other four are the control plane's own steps, each ended by the control plane
 * when its work is done; while a task is in one, containers that imply only the status right
 * after it do not end it: PROVISIONING holds PENDING back, ACTIVATING holds RUNNING (load
 * balancer and service discovery registration are not done yet), DEACTIVATING holds STOPPING
 * (deregistration before the containers are stopped), DEPROVISIONING holds STOPPED (resources
 * are still being released). Containers that imply a status further on move the task there, e.g.
 * an essential container that exits while the task is ACTIVATING.
 */
public final class TaskStatusRules {
  /** Each control-plane step and the status it holds back until the control plane ends it. */
  static final Map<TaskStatus, TaskStatus> HELD_BY_STEP = Collections.unmodifiableMap(new EnumMap<>(Map.of(
      TaskStatus.PROVISIONING, TaskStatus.PENDING,
      TaskStatus.ACTIVATING, TaskStatus.RUNNING,
      TaskStatus.DEACTIVATING, TaskStatus.STOPPING,
      TaskStatus.DEPROVISIONING, TaskStatus.STOPPED)));

  private TaskStatusRules() {}

  /**
   * The task's next known and desired status given its containers.
   *
   * <ul>
   *   <li>All containers STOPPED: STOPPED.
   *   <li>Otherwise, desired STOPPED (asked for, or caused by an essential container that
   *       stopped): STOPPING while the rest are stopped.
   *   <li>Otherwise, any container PENDING: PENDING (a task runs once every container has
   *       started; a non-essential container that already exited does not hold it back).
   *   <li>Otherwise: RUNNING.
   * </ul>
   *
   * <p>The task never moves back from {@code current}, and a control-plane step holds as described
   * above.
   *
   * <p>When the task is wanted RUNNING and an essential container is STOPPED, the task is now
   * wanted STOPPED and the first such container in the task's order gives the stop its code:
   * TaskFailedToStart with the container's reason if the container never ran (no exit code)
   * before the task reached RUNNING, otherwise EssentialContainerExited with "Essential container
   * in task exited". When the task was already wanted STOPPED its stop code and reason are kept
   * (null in the result).
   *
   * @param current the task's known status now
   * @param desired the task's desired status now
   * @param containers every container of the task; at least one
   */
  public static TaskStatusUpdate nextTaskStatus(TaskStatus current, DesiredStatus desired, List<TaskContainer> containers) {
    if (containers.isEmpty()) {
      throw new IllegalArgumentException("A task has at least one container");
    }
    TaskContainer stoppedEssential = null;
    boolean allStopped = true;
    boolean anyPending = false;
    for (TaskContainer container : containers) {
      if (container.status() == ContainerStatus.STOPPED) {
        if (container.essential() && stoppedEssential == null) {
          stoppedEssential = container;
        }
      } else {
        allStopped = false;
      }
      anyPending |= container.status() == ContainerStatus.PENDING;
    }

    DesiredStatus nextDesired = desired.given(current);
    TaskStopCode stopCode = null;
    String stoppedReason = null;
    if (nextDesired == DesiredStatus.RUNNING && stoppedEssential != null) {
      nextDesired = DesiredStatus.STOPPED;
      if (stoppedEssential.exitCode() == null && current.before(TaskStatus.RUNNING)) {
        stopCode = TaskStopCode.TASK_FAILED_TO_START;
        stoppedReason = stoppedEssential.reason() == null || stoppedEssential.reason().isBlank()
            ? StoppedReasons.TASK_FAILED_TO_START
            : stoppedEssential.reason();
      } else {
        stopCode = TaskStopCode.ESSENTIAL_CONTAINER_EXITED;
        stoppedReason = StoppedReasons.ESSENTIAL_CONTAINER_EXITED;
      }
    }

    TaskStatus derived;
    if (allStopped) {
      derived = TaskStatus.STOPPED;
    } else if (nextDesired == DesiredStatus.STOPPED) {
      derived = TaskStatus.STOPPING;
    } else if (anyPending) {
      derived = TaskStatus.PENDING;
    } else {
      derived = TaskStatus.RUNNING;
    }
    TaskStatus next = derived.compareTo(current) <= 0 || derived == HELD_BY_STEP.get(current) ? current : derived;
    return new TaskStatusUpdate(next, nextDesired.given(next), stopCode, stoppedReason);
  }
}
