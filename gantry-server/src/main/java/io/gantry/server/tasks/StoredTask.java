package io.gantry.server.tasks;

import io.gantry.api.ecs.task.PlacementConstraint;
import io.gantry.api.ecs.task.PlacementStrategy;
import io.gantry.api.agent.TaskNetwork;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskStatus;
import io.gantry.server.network.TaskAttachments;
import io.gantry.server.placement.Held;
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
 * released in the transaction that records the task STOPPED. A FARGATE task has no {@code
 * containerInstanceId} (ECS shows no container instance for it): {@code managedInstanceArn} names
 * the managed node it runs on, and {@code awaiting} lists the interrupted FARGATE_SPOT tasks
 * (their store keys) that must stop before its agent is told to start it.
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
    TaskNetwork network,
    String managedInstanceArn,
    List<String> awaiting) {

  public static final String FARGATE_SPOT = "FARGATE_SPOT";

  public StoredTask {
    awaiting = awaiting == null ? List.of() : List.copyOf(awaiting);
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
        placementConstraints, placementStrategy, gpuIds, null, null, List.of());
  }

  /**
   * This stored task with a new ECS record; the placement facts stay. An ENI attachment's status
   * follows the new known status ({@link TaskAttachments#follow}).
   */
  public StoredTask with(Task next) {
    return new StoredTask(network == null ? next : TaskAttachments.follow(next), containerInstanceId,
        reservedHostPorts, clientToken, requestFingerprint, referenceId, placementConstraints, placementStrategy,
        gpuIds, network, managedInstanceArn, awaiting);
  }

  /** This stored task waiting for {@code keys} (interrupted Spot tasks) to stop; none once they have. */
  public StoredTask awaiting(List<String> keys) {
    return new StoredTask(task, containerInstanceId, reservedHostPorts, clientToken, requestFingerprint, referenceId,
        placementConstraints, placementStrategy, gpuIds, network, managedInstanceArn, keys);
  }

  /** Whether the task runs on managed capacity (FARGATE). */
  public boolean managed() {
    return managedInstanceArn != null;
  }

  /** The id of the node the task is placed on: its container instance, or its managed node. */
  public String nodeId() {
    return managed() ? managedInstanceArn.substring(managedInstanceArn.lastIndexOf('/') + 1) : containerInstanceId;
  }

  /** The task's id: the last part of its ARN. */
  public String id() {
    return TaskRefs.idOf(task.taskArn());
  }

  /** What this task holds on its instance: nothing once it is STOPPED or when it was never placed. */
  public Optional<TaskHold> hold() {
    return held().map(Held::hold);
  }

  /** What this task holds and where (its cluster's instance or a managed node); empty once STOPPED. */
  public Optional<Held> held() {
    TaskStatus status = TaskStatus.parse(task.lastStatus()).orElse(TaskStatus.PENDING);
    String node = nodeId();
    if (status == TaskStatus.STOPPED || node == null) {
      return Optional.empty();
    }
    TaskDemand demand = TaskDemand.of(task, reservedHostPorts, gpuIds.size());
    TaskHold hold = new TaskHold(id(), node, demand, task.group(), !status.before(TaskStatus.RUNNING), gpuIds);
    boolean preemptible = managed() && FARGATE_SPOT.equals(task.capacityProviderName())
        && "RUNNING".equals(task.desiredStatus());
    return Optional.of(new Held(hold, managed(), preemptible));
  }
}
