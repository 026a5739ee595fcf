package io.gantry.server.tasks;

import io.gantry.api.agent.AgentMessage.TaskStateChange;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.Scope;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskStatus;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.agents.AgentTasks;
import io.gantry.model.Arn;
import io.gantry.model.task.TaskStopCode;
import io.gantry.server.placement.ManagedCapacity;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.EntityStore.Attempt;
import io.gantry.server.state.Versioned;
import io.gantry.server.taskdefs.TaskDefinitionReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task side of the agent session: which tasks an instance's agent must know about, and
 * storing what the agent reports about them. A report moves the task forward only (see {@link
 * TaskProgress}); what the task holds on its instance follows from its record, so reaching
 * STOPPED gives it back once. It is the {@link AgentTasks} the agent gateway
 * uses. Thread-safe; every write is a compare-and-set.
 */
public final class TaskStateService implements AgentTasks {
  private final EntityStore store;
  private final TaskRecords records;
  private final TaskDefinitionReader definitions;
  private final PlacementState placement;
  private final int spotWarningSeconds;

  public TaskStateService(EntityStore store, PlacementState placement) {
    this(store, placement, DEFAULT_SPOT_WARNING_SECONDS);
  }

  /** The Fargate Spot warning: how long an interrupted Spot task's agent waits between SIGTERM and SIGKILL. */
  public static final int DEFAULT_SPOT_WARNING_SECONDS = 120;

  /** With the Spot warning period (server setting {@code spot-warning-seconds}). */
  public TaskStateService(EntityStore store, PlacementState placement, int spotWarningSeconds) {
    this.spotWarningSeconds = spotWarningSeconds;
    this.store = store;
    this.placement = placement;
    this.records = new TaskRecords(store);
    this.definitions = new TaskDefinitionReader(store);
  }

  /** The placement state over {@code store}, reading what each stored task holds from its record. */
  public static PlacementState placementState(EntityStore store) {
    return new PlacementState(store, kv -> store.decode(kv, StoredTask.class).value().held());
  }

  /**
   * Every task placed on instance {@code containerInstanceId} of {@code cluster} that its agent
   * has not reported STOPPED (those wanted RUNNING, and those wanted STOPPED but still stopping),
   * each with its task definition and reserved host ports, in task ARN order.
   */
  @Override
  public List<TaskAssignment> assignments(Scope scope, String cluster, String containerInstanceId) {
    placement.awaitCurrent();
    Map<String, TaskDefinition> definitionsByArn = new HashMap<>();
    List<TaskAssignment> out = new ArrayList<>();
    if (ManagedCapacity.isManaged(cluster)) {
      // A managed node runs the FARGATE tasks of every cluster of the region.
      for (String key : placement.managedTaskKeys(scope.region(), containerInstanceId)) {
        store.get(key, StoredTask.class).map(Versioned::value)
            .filter(stored -> stored.managed() && containerInstanceId.equals(stored.nodeId())
                && TaskRecords.status(stored) != TaskStatus.STOPPED && stored.awaiting().isEmpty())
            .ifPresent(stored -> out.add(assignment(taskScope(key), stored, definitionsByArn)));
      }
      out.sort((a, b) -> a.task().taskArn().compareTo(b.task().taskArn()));
      return out;
    }
    for (String taskId : placement.ledger(scope, cluster).taskIds(containerInstanceId)) {
      records.find(scope, cluster, taskId).map(Versioned::value)
          .filter(stored -> containerInstanceId.equals(stored.containerInstanceId())
              && TaskRecords.status(stored) != TaskStatus.STOPPED)
          .ifPresent(stored -> out.add(assignment(scope, stored, definitionsByArn)));
    }
    out.sort((a, b) -> a.task().taskArn().compareTo(b.task().taskArn()));
    return out;
  }

  /**
   * The assignment of task {@code taskId} as it is stored now: empty when the task is unknown or
   * its agent has reported it STOPPED. Lets the gateway push one changed task without listing all.
   */
  public Optional<TaskAssignment> assignment(Scope scope, String cluster, String taskId) {
    return records.find(scope, cluster, taskId)
        .map(Versioned::value)
        .filter(stored -> TaskRecords.status(stored) != TaskStatus.STOPPED && stored.awaiting().isEmpty())
        .map(stored -> assignment(scope, stored, new HashMap<>()));
  }

  /** The scope of a task key {@code ecs/ACCOUNT/REGION/task/CLUSTER/ID}. */
  private static Scope taskScope(String key) {
    String[] parts = key.split("/");
    return new Scope(parts[1], parts[2]);
  }

  /**
   * Stores what the agent of {@code containerInstanceId} reports about one of its tasks. Empty
   * when the task is unknown or placed on another instance; otherwise the task as stored after
   * the report (unchanged for a stale or repeated report).
   */
  @Override
  public Optional<Task> apply(Scope scope, String cluster, String containerInstanceId, TaskStateChange change,
      Instant now) {
    if (change.taskArn() == null) {
      return Optional.empty();
    }
    boolean managed = ManagedCapacity.isManaged(cluster);
    Optional<String> key = managed ? managedTaskKey(scope, change.taskArn())
        : TaskRefs.id(scope, cluster, change.taskArn()).map(id -> TaskRefs.key(scope, cluster, id));
    if (key.isEmpty()) {
      return Optional.empty();
    }
    Scope taskScope = managed ? taskScope(key.get()) : scope;
    return store.retry(attempt -> {
      Optional<Versioned<StoredTask>> found = store.get(key.get(), StoredTask.class);
      boolean placedHere = found.isPresent() && (managed
          ? found.get().value().managed() && containerInstanceId.equals(found.get().value().nodeId())
          : containerInstanceId.equals(found.get().value().containerInstanceId()));
      if (!placedHere) {
        return new Attempt<>(null, Optional.<Task>empty());
      }
      Versioned<StoredTask> current = found.get();
      Task task = current.value().task();
      Task next = TaskProgress.apply(task, definition(taskScope, task.taskDefinitionArn()), change, now);
      if (next == task) {
        return new Attempt<>(null, Optional.of(task));
      }
      return new Attempt<>(records.update(current, current.value().with(next)), Optional.of(next));
    });
  }

  /**
   * The store key of a task a managed node's agent reports on: a task ARN of any account in the
   * node's region ({@code task/CLUSTER/ID}); empty for anything else.
   */
  private static Optional<String> managedTaskKey(Scope nodeScope, String taskArn) {
    Optional<Arn> arn = Arn.parse(taskArn);
    if (arn.isEmpty() || !"task".equals(arn.get().resourceType()) || !nodeScope.region().equals(arn.get().region())) {
      return Optional.empty();
    }
    String[] resource = arn.get().resource().split("/");
    if (resource.length != 2) {
      return Optional.empty();
    }
    return Optional.of(TaskRefs.key(new Scope(arn.get().accountId(), arn.get().region()), resource[0], resource[1]));
  }

  private TaskAssignment assignment(Scope scope, StoredTask stored, Map<String, TaskDefinition> cache) {
    String arn = stored.task().taskDefinitionArn();
    TaskDefinition td = cache.computeIfAbsent(arn, a -> definition(scope, a));
    boolean spotInterrupted = TaskStopCode.SPOT_INTERRUPTION.wireName().equals(stored.task().stopCode());
    return new TaskAssignment(stored.task(), td, stored.reservedHostPorts(), stored.network(),
        spotInterrupted ? spotWarningSeconds : null);
  }

  private TaskDefinition definition(Scope scope, String taskDefinitionArn) {
    return definitions.find(scope, taskDefinitionArn).map(Versioned::value).orElse(null);
  }
}
