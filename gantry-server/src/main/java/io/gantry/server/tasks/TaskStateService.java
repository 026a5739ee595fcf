package io.gantry.server.tasks;

import io.gantry.api.agent.AgentMessage.TaskStateChange;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.Scope;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskStatus;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.agents.AgentTasks;
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

  public TaskStateService(EntityStore store, PlacementState placement) {
    this.store = store;
    this.placement = placement;
    this.records = new TaskRecords(store);
    this.definitions = new TaskDefinitionReader(store);
  }

  /** The placement state over {@code store}, reading what each stored task holds from its record. */
  public static PlacementState placementState(EntityStore store) {
    return new PlacementState(store, kv -> store.decode(kv, StoredTask.class).value().hold());
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
        .filter(stored -> TaskRecords.status(stored) != TaskStatus.STOPPED)
        .map(stored -> assignment(scope, stored, new HashMap<>()));
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
    Optional<String> id = TaskRefs.id(scope, cluster, change.taskArn());
    if (id.isEmpty()) {
      return Optional.empty();
    }
    return store.retry(attempt -> {
      Optional<Versioned<StoredTask>> found = records.find(scope, cluster, id.get());
      if (found.isEmpty() || !containerInstanceId.equals(found.get().value().containerInstanceId())) {
        return new Attempt<>(null, Optional.<Task>empty());
      }
      Versioned<StoredTask> current = found.get();
      Task task = current.value().task();
      Task next = TaskProgress.apply(task, definition(scope, task.taskDefinitionArn()), change, now);
      if (next == task) {
        return new Attempt<>(null, Optional.of(task));
      }
      return new Attempt<>(records.update(current, current.value().with(next)), Optional.of(next));
    });
  }

  private TaskAssignment assignment(Scope scope, StoredTask stored, Map<String, TaskDefinition> cache) {
    String arn = stored.task().taskDefinitionArn();
    TaskDefinition td = cache.computeIfAbsent(arn, a -> definition(scope, a));
    return new TaskAssignment(stored.task(), td, stored.reservedHostPorts(), stored.network());
  }

  private TaskDefinition definition(Scope scope, String taskDefinitionArn) {
    return definitions.find(scope, taskDefinitionArn).map(Versioned::value).orElse(null);
  }
}
