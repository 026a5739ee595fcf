package io.gantry.server.tasks;

import io.gantry.api.ecs.task.PlacementConstraint;
import io.gantry.api.ecs.task.PlacementStrategy;
import io.gantry.api.agent.TaskNetwork;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskStatus;
import io.gantry.server.network.TaskAttachments;
import io.gantry.server.placement.TaskDemand;
import io.gantry.server.placement.TaskHold;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/**
 * A task as stored at {@code StateKeys.tasks(scope, cluster) + id}: the ECS record (what
 * DescribeTasks shows, without tags, which live beside it) and the internal placement facts next
 * to it (DESIGN decision 1). {@code containerInstanceId} is the instance the task is placed on;
 * {@code reservedHostPorts} maps {@link TaskDemand#portKey} ("web/8080", "dns/53/udp") to the
 * static host port reserved for it; {@code clientToken} and {@code requestFingerprint} tie the
 * task to the RunTask request that created it; {@code referenceId}, {@code placementConstraints}
 * and {@code placementStrategy} are what that request asked for and ECS does not show on the task;
 * {@code gpuIds} are the instance's GPUs assigned to the task; {@code network} is the subnet,
 * address and MAC of an awsvpc task (null for other network modes), whose address lease is
 * released in the transaction that records the task STOPPED.
 * Immutable.
 */
public record StoredTask(
    Task task,
    String containerInstanceId,
    Map<String, Integer> reservedHostPorts,
    String clientToken,
    String requestFingerprint,
    String referenceId,
    List<PlacementConstraint> placementConstraints,
    List<PlacementStrategy> placementStrategy,
    List<String> gpuIds,
    TaskNetwork network) {

  public StoredTask {
    gpuIds = gpuIds == null ? List.of() : List.copyOf(gpuIds);
    reservedHostPorts = reservedHostPorts == null ? Map.of() : Map.copyOf(reservedHostPorts);
    placementConstraints = placementConstraints == null ? List.of() : List.copyOf(placementConstraints);
    placementStrategy = placementStrategy == null ? List.of() : List.copyOf(placementStrategy);
  }

  /** A stored task without a task network (every network mode but awsvpc). */
  public StoredTask(Task task, String containerInstanceId, Map<String, Integer> reservedHostPorts, String clientToken,
      String requestFingerprint, String referenceId, List<PlacementConstraint> placementConstraints,
      List<PlacementStrategy> placementStrategy, List<String> gpuIds) {
    this(task, containerInstanceId, reservedHostPorts, clientToken, requestFingerprint, referenceId,
        placementConstraints, placementStrategy, gpuIds, null);
  }

  /**
   * This stored task with a new ECS record; the placement facts stay. An ENI attachment's status
   * follows the new known status ({@link TaskAttachments#follow}).
   */
  public StoredTask with(Task next) {
    return new StoredTask(network == null ? next : TaskAttachments.follow(next), containerInstanceId,
        reservedHostPorts, clientToken, requestFingerprint, referenceId, placementConstraints, placementStrategy,
        gpuIds, network);
  }

  /** The task's id: the last part of its ARN. */
  public String id() {
    return TaskRefs.idOf(task.taskArn());
  }

  /** What this task holds on its instance: nothing once it is STOPPED or when it was never placed. */
  public Optional<TaskHold> hold() {
    TaskStatus status = TaskStatus.parse(task.lastStatus()).orElse(TaskStatus.PENDING);
    if (status == TaskStatus.STOPPED || containerInstanceId == null) {
      return Optional.empty();
    }
    TaskDemand demand = TaskDemand.of(task, reservedHostPorts, gpuIds.size());
    return Optional.of(new TaskHold(id(), containerInstanceId, demand, task.group(), !status.before(TaskStatus.RUNNING),
        gpuIds));
  }
}
