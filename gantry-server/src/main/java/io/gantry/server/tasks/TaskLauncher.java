package io.gantry.server.tasks;

import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.EcsException;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import io.gantry.server.instances.InstanceRefs;
import io.gantry.server.placement.ClusterLedger;
import io.gantry.server.placement.InstanceViews;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.placement.PlanApplier;
import io.gantry.server.placement.TaskDemand;
import io.gantry.server.placement.TaskHold;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagStore;
import io.gantry.store.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Places and stores the tasks of a RunTask or StartTask. Plans on the cluster's ledger as it is
 * now, has the {@link PlanApplier} re-check and reserve the plan, and commits the accepted tasks,
 * their tags and the client-token record in one transaction conditioned on the revision of each
 * chosen instance record (so a drain or deregistration in between wins) and on the token being
 * unused. Tasks the applier rejects are planned again; a failed commit releases its reservations
 * and starts over. Thread-safe.
 */
final class TaskLauncher {
  static final String NO_INSTANCES = "No Container Instances were found in your cluster.";
  static final String TOKEN_CONFLICT = "The provided clientToken is already in use with a different RunTask request.";
  private static final int MAX_ROUNDS = 100;

  /** First fit tries the instances in the order they registered (then by id), so placement is deterministic. */
  private static final Comparator<ContainerInstance> OLDEST_FIRST = Comparator
      .comparing(ContainerInstance::registeredAt, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(ContainerInstance::containerInstanceArn);

  private final EntityStore store;
  private final TagStore tags;
  private final PlacementState placement;
  private final InstanceRefs instances;
  private final RandomGenerator random;
  private final Object[] tokenLocks = new Object[64];

  TaskLauncher(EntityStore store, TagStore tags, PlacementState placement, RandomGenerator random) {
    this.store = store;
    this.tags = tags;
    this.placement = placement;
    this.instances = new InstanceRefs(store);
    this.random = random;
    for (int i = 0; i < tokenLocks.length; i++) {
      tokenLocks[i] = new Object();
    }
  }

  /** RunTask: {@code count} tasks on the cluster's ACTIVE instances. */
  TasksResponse run(LaunchSpec spec, int count, Instant now) {
    return launch(spec, now, ledger -> {
      List<ContainerInstance> candidates = views(ledger, ledger.instances().stream()
          .filter(v -> ContainerInstance.ACTIVE.equals(v.value().status())).toList()).stream()
          .sorted(OLDEST_FIRST).toList();
      if (candidates.isEmpty()) {
        throw EcsException.invalidParameter(NO_INSTANCES);
      }
      return (remaining, placedOn) -> FirstFit.place(candidates, spec.demand(), remaining, spec.distinctInstance(),
          placedOn);
    }, count, List.of(), true);
  }

  /** StartTask: one task on each named instance; names that find no instance are MISSING failures. */
  TasksResponse start(LaunchSpec spec, List<String> instanceRefs, Instant now) {
    List<String> ids = new ArrayList<>();
    List<Failure> missing = new ArrayList<>();
    for (String ref : instanceRefs) {
      Optional<String> id = InstanceRefs.id(spec.scope(), spec.cluster(), ref);
      if (id.isPresent() && instances.find(spec.scope(), spec.cluster(), ref).isPresent()) {
        ids.add(id.get());
      } else {
        missing.add(Failure.missing(InstanceRefs.arnFor(spec.scope(), spec.cluster(), ref)));
      }
    }
    return launch(spec, now, ledger -> {
      List<Versioned<ContainerInstance>> targets = new ArrayList<>();
      for (String id : ids) {
        ledger.instance(id).ifPresent(targets::add);
      }
      List<ContainerInstance> views = views(ledger, targets);
      return (remaining, placedOn) -> FirstFit.onEach(views, spec.demand());
    }, ids.size(), missing, false);
  }

  /** Plans {@code remaining} more tasks; {@code placedOn} are the instance ids this launch already uses. */
  private interface Planner {
    FirstFit.Plan plan(int remaining, List<String> placedOn);
  }

  private TasksResponse launch(LaunchSpec spec, Instant now, java.util.function.Function<ClusterLedger, Planner> planner,
      int count, List<Failure> earlierFailures, boolean replan) {
    if (spec.clientToken() == null) {
      return launchOnce(spec, now, planner, count, earlierFailures, replan);
    }
    // Retries of one request run one after the other, so a retry finds the first one's tasks
    // instead of finding its reservations in the way.
    synchronized (tokenLocks[Math.floorMod((spec.scope() + spec.clientToken()).hashCode(), tokenLocks.length)]) {
      return launchOnce(spec, now, planner, count, earlierFailures, replan);
    }
  }

  private TasksResponse launchOnce(LaunchSpec spec, Instant now,
      java.util.function.Function<ClusterLedger, Planner> planner, int count, List<Failure> earlierFailures,
      boolean replan) {
    Scope scope = spec.scope();
    placement.awaitCurrent();
    ClusterLedger ledger = placement.ledger(scope, spec.cluster());
    for (int round = 0; round < MAX_ROUNDS; round++) {
      if (spec.clientToken() != null) {
        Optional<Versioned<RunTaskToken>> used = store.get(TaskRefs.tokenKey(scope, spec.cluster(), spec.clientToken()), RunTaskToken.class);
        if (used.isPresent()) {
          return replay(scope, spec, used.get().value());
        }
      }
      Planner plan = planner.apply(ledger);
      List<PlanApplier.Accepted> accepted = new ArrayList<>();
      List<Failure> failures = new ArrayList<>(earlierFailures);
      int remaining = count;
      for (int step = 0; step < MAX_ROUNDS && remaining > 0; step++) {
        FirstFit.Plan p = plan.plan(remaining, accepted.stream().map(a -> a.hold().instanceId()).toList());
        List<PlanApplier.Proposal> proposals = new ArrayList<>();
        for (String instanceId : p.placements()) {
          proposals.add(new PlanApplier.Proposal(new TaskHold(TaskIds.newId(random), instanceId, spec.demand(),
              spec.group(), false, List.of())));
        }
        PlanApplier.Outcome outcome = PlanApplier.reserve(ledger, proposals, (instance, demand) ->
            replan && !ContainerInstance.ACTIVE.equals(instance.status()) ? Optional.of(instance.status())
                : FirstFit.refusal(instance, demand, false));
        accepted.addAll(outcome.accepted());
        remaining -= outcome.accepted().size();
        if (outcome.rejected().isEmpty() || !replan) {
          failures.addAll(p.failures());
          for (PlanApplier.Rejected r : outcome.rejected()) {
            ledger.instance(r.proposal().hold().instanceId()).ifPresent(v -> failures.add(
                new Failure(v.value().containerInstanceArn(), r.reason(), null)));
          }
          break;
        }
        plan = planner.apply(ledger);
      }
      if (accepted.isEmpty()) {
        return new TasksResponse(failures, List.of());
      }
      Txn.Builder txn = Txn.builder();
      List<Task> tasks = new ArrayList<>();
      Map<String, Versioned<ContainerInstance>> used = new LinkedHashMap<>();
      for (PlanApplier.Accepted a : accepted) {
        used.putIfAbsent(a.instance().key(), a.instance());
        StoredTask stored = spec.stored(a.hold().taskId(), a.instance().value(), a.hold().gpuIds(), now, random);
        String key = TaskRefs.key(scope, spec.cluster(), a.hold().taskId());
        txn.absent(key).put(key, store.encode(stored));
        tags.put(txn, scope, stored.task().taskArn(), spec.tags());
        tasks.add(stored.task().withTags(spec.tags()));
      }
      used.values().forEach(v -> txn.modRevisionIs(v.key(), v.modRevision()));
      if (spec.clientToken() != null) {
        String tokenKey = TaskRefs.tokenKey(scope, spec.cluster(), spec.clientToken());
        txn.absent(tokenKey).put(tokenKey, store.encode(new RunTaskToken(spec.requestFingerprint(), spec.cluster(),
            accepted.stream().map(a -> a.hold().taskId()).toList(), failures, now)));
      }
      boolean committed = false;
      try {
        committed = store.commit(txn.build()).succeeded();
      } finally {
        if (!committed) {
          PlanApplier.release(ledger, accepted);
        }
      }
      if (committed) {
        return new TasksResponse(failures, tasks);
      }
      placement.awaitCurrent();
    }
    throw new IllegalStateException("too much contention: gave up placing after " + MAX_ROUNDS + " rounds");
  }

  /** The instances as placement sees them: stored records with what their tasks hold now. */
  private static List<ContainerInstance> views(ClusterLedger ledger, List<Versioned<ContainerInstance>> instances) {
    return instances.stream()
        .map(v -> InstanceViews.withLoad(v.value(), ledger.load(v.value().id())))
        .toList();
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
}
