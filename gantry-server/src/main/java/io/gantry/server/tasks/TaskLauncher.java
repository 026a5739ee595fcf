package io.gantry.server.tasks;

import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.EcsException;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import io.gantry.server.instances.InstanceRefs;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.EntityStore.Attempt;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagStore;
import io.gantry.store.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Places and stores the tasks of a RunTask or StartTask: reads the instances (oldest registration
 * first), plans with {@link FirstFit} and commits every placed task, its tags, the reservation on each chosen instance and
 * the client token record in one transaction, conditioned on the revision of each chosen instance
 * (and on the token being unused). A lost race re-reads and re-plans, so concurrent launches never
 * book the same CPU, memory or host port twice. Thread-safe.
 */
final class TaskLauncher {
  static final String NO_INSTANCES = "No Container Instances were found in your cluster.";
  static final String TOKEN_CONFLICT = "The provided clientToken is already in use with a different RunTask request.";

  /** First fit tries the instances in the order they registered (then by id), so placement is deterministic. */
  private static final Comparator<Versioned<ContainerInstance>> OLDEST_FIRST = Comparator
      .comparing((Versioned<ContainerInstance> v) -> v.value().registeredAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(v -> v.value().containerInstanceArn());

  private final EntityStore store;
  private final TagStore tags;
  private final InstanceRefs instances;
  private final RandomGenerator random;

  TaskLauncher(EntityStore store, TagStore tags, RandomGenerator random) {
    this.store = store;
    this.tags = tags;
    this.instances = new InstanceRefs(store);
    this.random = random;
  }

  /** RunTask: {@code count} tasks on the cluster's ACTIVE instances, first fit. */
  TasksResponse run(LaunchSpec spec, int count, Instant now) {
    Scope scope = spec.scope();
    TaskDemand demand = spec.demand();
    return store.retry(attempt -> {
      if (spec.clientToken() != null) {
        Optional<Versioned<RunTaskToken>> used = store.get(TaskRefs.tokenKey(scope, spec.clientToken()), RunTaskToken.class);
        if (used.isPresent()) {
          return new Attempt<>(null, replay(scope, spec, used.get().value()));
        }
      }
      List<Versioned<ContainerInstance>> candidates = store
          .list(StateKeys.containerInstances(scope, spec.cluster()), ContainerInstance.class).stream()
          .filter(v -> ContainerInstance.ACTIVE.equals(v.value().status()))
          .sorted(OLDEST_FIRST)
          .toList();
      if (candidates.isEmpty()) {
        throw EcsException.invalidParameter(NO_INSTANCES);
      }
      FirstFit.Plan plan = FirstFit.place(values(candidates), demand, count, spec.distinctInstance());
      return commit(spec, candidates, plan, List.of(), now);
    });
  }

  /** StartTask: one task on each named instance; names that find no instance are MISSING failures. */
  TasksResponse start(LaunchSpec spec, List<String> instanceRefs, Instant now) {
    Scope scope = spec.scope();
    TaskDemand demand = spec.demand();
    return store.retry(attempt -> {
      List<Versioned<ContainerInstance>> targets = new ArrayList<>();
      List<Failure> missing = new ArrayList<>();
      for (String ref : instanceRefs) {
        Optional<Versioned<ContainerInstance>> found = instances.find(scope, spec.cluster(), ref);
        if (found.isPresent()) {
          targets.add(found.get());
        } else {
          missing.add(Failure.missing(InstanceRefs.arnFor(scope, spec.cluster(), ref)));
        }
      }
      FirstFit.Plan plan = FirstFit.onEach(values(targets), demand);
      return commit(spec, targets, plan, missing, now);
    });
  }

  private Attempt<TasksResponse> commit(LaunchSpec spec, List<Versioned<ContainerInstance>> candidates,
      FirstFit.Plan plan, List<Failure> earlierFailures, Instant now) {
    List<Failure> failures = new ArrayList<>(earlierFailures);
    failures.addAll(plan.failures());
    if (plan.placements().isEmpty()) {
      return new Attempt<>(null, new TasksResponse(failures, List.of()));
    }
    Scope scope = spec.scope();
    Txn.Builder txn = Txn.builder();
    Set<Integer> touched = new LinkedHashSet<>(plan.placements());
    for (int i : touched) {
      Versioned<ContainerInstance> v = candidates.get(i);
      txn.modRevisionIs(v.key(), v.modRevision()).put(v.key(), store.encode(plan.after().get(i)));
    }
    List<Task> tasks = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i : plan.placements()) {
      String id = TaskIds.newId(random);
      StoredTask stored = spec.stored(id, plan.after().get(i), now, random);
      String key = TaskRefs.key(scope, spec.cluster(), id);
      txn.absent(key).put(key, store.encode(stored));
      tags.put(txn, scope, stored.task().taskArn(), spec.tags());
      tasks.add(stored.task().withTags(spec.tags()));
      ids.add(id);
    }
    if (spec.clientToken() != null) {
      String tokenKey = TaskRefs.tokenKey(scope, spec.clientToken());
      txn.absent(tokenKey).put(tokenKey, store.encode(
          new RunTaskToken(spec.requestFingerprint(), spec.cluster(), ids, failures, now)));
    }
    return new Attempt<>(txn.build(), new TasksResponse(failures, tasks));
  }

  /** The answer to a retried RunTask: the tasks it created as they are now, or a conflict for other parameters. */
  private TasksResponse replay(Scope scope, LaunchSpec spec, RunTaskToken used) {
    if (!used.requestFingerprint().equals(spec.requestFingerprint())) {
      throw TaskErrors.conflict(TOKEN_CONFLICT);
    }
    List<Task> tasks = new ArrayList<>();
    for (String id : used.taskIds()) {
      store.get(TaskRefs.key(scope, used.cluster(), id), StoredTask.class).ifPresent(v -> tasks.add(
          v.value().task().withTags(tags.tags(scope, v.value().task().taskArn()))));
    }
    return new TasksResponse(used.failures(), tasks);
  }

  private static List<ContainerInstance> values(List<Versioned<ContainerInstance>> versioned) {
    return versioned.stream().map(Versioned::value).toList();
  }
}
