package io.gantry.server.taskdefs;

import io.gantry.model.EcsException;
import io.gantry.model.Scope;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads task definitions from the store by the names requests use. Other handlers (RunTask,
 * services) resolve task definitions through it too. Holds no state; thread-safe.
 */
public final class TaskDefinitionReader {
  public static final String TASK_DEFINITION_NOT_FOUND = "TaskDefinition not found.";
  public static final String TASK_DEFINITION_INACTIVE = "TaskDefinition is inactive";
  private final EntityStore store;

  public TaskDefinitionReader(EntityStore store) {
    this.store = store;
  }

  /** The stored revision {@code ref} names: a given revision in any status, or the latest ACTIVE one. */
  public Optional<Versioned<TaskDefinition>> find(Scope scope, TaskDefinitionRef ref) {
    if (ref.revision() != null) {
      return store.get(StateKeys.taskDefinition(scope, ref.family(), ref.revision()), TaskDefinition.class);
    }
    return revisions(scope, ref.family()).stream()
        .filter(s -> TaskDefinition.ACTIVE.equals(s.status()) && s.revision() != null)
        .max(Comparator.comparingInt(TaskDefinitionSummary::revision))
        .flatMap(s -> store.get(StateKeys.taskDefinition(scope, ref.family(), s.revision()), TaskDefinition.class));
  }

  /** Parses {@code text} (family, family:revision or ARN) and reads what it names. */
  public Optional<Versioned<TaskDefinition>> find(Scope scope, String text) {
    return TaskDefinitionRef.parse(text, scope).flatMap(ref -> find(scope, ref));
  }

  /**
   * The ACTIVE revision {@code text} names, for a launch: ClientException "TaskDefinition not
   * found." when there is none, InvalidParameterException when it is inactive (ECS's words).
   */
  public TaskDefinition active(Scope scope, String text) {
    TaskDefinition td = find(scope, text)
        .orElseThrow(() -> EcsException.client(TASK_DEFINITION_NOT_FOUND))
        .value();
    if (!TaskDefinition.ACTIVE.equals(td.status())) {
      throw EcsException.invalidParameter(TASK_DEFINITION_INACTIVE);
    }
    return td;
  }

  /** Summaries of every stored revision of {@code family}. */
  List<TaskDefinitionSummary> revisions(Scope scope, String family) {
    return store.list(StateKeys.taskDefinitionFamily(scope, family), TaskDefinitionSummary.class).stream()
        .map(Versioned::value)
        .toList();
  }

  /** Summaries of every stored revision of every family of {@code scope}. */
  List<TaskDefinitionSummary> all(Scope scope) {
    return store.list(StateKeys.taskDefinitions(scope), TaskDefinitionSummary.class).stream()
        .map(Versioned::value)
        .toList();
  }
}
