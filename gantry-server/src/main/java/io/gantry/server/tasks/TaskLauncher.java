package io.gantry.server.tasks;

import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.EcsException;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import io.gantry.scheduler.Constraint;
import io.gantry.scheduler.Fit;
import io.gantry.scheduler.Plan;
import io.gantry.scheduler.PlacementRequest;
import io.gantry.scheduler.Reason;
import io.gantry.scheduler.Scheduler;
import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Demand;
import io.gantry.scheduler.cluster.Node;
import io.gantry.server.instances.InstanceRefs;
import io.gantry.server.network.AwsVpcRequest;
import io.gantry.server.network.SubnetCatalog;
import io.gantry.server.network.TaskNetworking;
import io.gantry.server.placement.ClusterLedger;
import io.gantry.server.placement.Nodes;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Places and stores the tasks of a RunTask or StartTask. Plans on the cluster's ledger as it is
 * now, has the {@link PlanApplier} re-check and reserve the plan, and commits the accepted tasks,
 * their tags and the client-token record in one transaction conditioned on the revision of each
 * chosen instance record (so a drain or deregistration in between wins) and on the token being
 * unused. Tasks the applier rejects are planned again; a failed commit releases its reservations
 * and starts over. An awsvpc launch ({@link LaunchSpec#network}) is placed only in its subnets'
 * zones and leases one address per task in the same commit ({@link LaunchAddresses}), so a
 * lost race for an address fails the commit like a lost race for an instance. Thread-safe.
 */
final class TaskLauncher {
  static final String NO_INSTANCES = "No Container Instances were found in your cluster.";
  static final String NO_MANAGED_CAPACITY = "No managed capacity is registered for FARGATE tasks in this region: "
      + "start an agent with 'gantry agent --fargate' (or 'gantry up').";
  static final String TOKEN_CONFLICT = "The provided clientToken is already in use with a different RunTask request.";
  private static final int MAX_ROUNDS = 100;
  /** The snapshot memo key of "some instance is ACTIVE" (status is part of a node's profile). */
  private static final String ANY_ACTIVE = "tasks.any-active";

  private final EntityStore store;
  private final TagStore tags;
  private final PlacementState placement;
  private final InstanceRefs instances;
  private final RandomGenerator random;
  private final TaskNetworking networking;
  private final Object[] tokenLocks = new Object[64];

  TaskLauncher(EntityStore store, TagStore tags, PlacementState placement, RandomGenerator random) {
    this(store, tags, placement, random, new TaskNetworking(store, placement, SubnetCatalog.defaults()));
  }

  TaskLauncher(EntityStore store, TagStore tags, PlacementState placement, RandomGenerator random,
      TaskNetworking networking) {
    this.networking = networking;
    this.store = store;
    this.tags = tags;
    this.placement = placement;
    this.instances = new InstanceRefs(store);
    this.random = random;
    for (int i = 0; i < tokenLocks.length; i++) {
      tokenLocks[i] = new Object();
    }
  }

  /** RunTask: {@code count} tasks placed by the scheduler on the cluster's ACTIVE instances. */
  TasksResponse run(LaunchSpec spec, int count, Instant now) {
    RandomGenerator random = callRandom();
    TaskDemand taskDemand = spec.demand();
    Demand demand = Nodes.demand(taskDemand);
    LaunchSpec.PlacementRules rules = withZones(spec.placement(), spec.network());
    return launch(spec, now, random, count, List.of(), true, (ledger, remaining) -> {
      ClusterSnapshot snapshot = ledger.snapshot();
      if (!snapshot.memo(ANY_ACTIVE, () -> snapshot.nodes().stream().anyMatch(n -> Node.ACTIVE.equals(n.status())))) {
        throw EcsException.invalidParameter(spec.fargate() != null ? NO_MANAGED_CAPACITY : NO_INSTANCES);
      }
      Plan plan = Scheduler.place(snapshot, new PlacementRequest(demand, remaining, spec.group(), rules.strategies(),
          rules.constraints(), rules.required()), random);
      List<TaskHold> holds = new ArrayList<>();
      for (Plan.Placement p : plan.placements()) {
        holds.add(hold(random, taskDemand, spec.group(), snapshot.byArn(p.nodeArn()).orElseThrow().id(), p.gpuIds()));
      }
      List<Failure> failures = zoneFailures(PlacementFailures.of(plan.unplaced()), snapshot, spec.network());
      return new Round(holds, spec.fargate() != null ? anonymous(failures) : failures);
    }, (node, hold) -> refusal(node, demand, spec.group(), rules));
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
    RandomGenerator random = callRandom();
    TaskDemand taskDemand = spec.demand();
    Demand demand = Nodes.demand(taskDemand);
    return launch(spec, now, random, ids.size(), missing, false, (ledger, remaining) -> new Round(
        ids.stream().map(id -> hold(random, taskDemand, spec.group(), id, List.of())).toList(), List.of()),
        (node, hold) -> Fit.check(node, demand).map(Reason::ecsReason));
  }

  /**
   * Failures on managed capacity without the nodes' ARNs (they belong to the operator's account,
   * not the caller's), one per reason, as Fargate reports capacity shortfalls.
   */
  private static List<Failure> anonymous(List<Failure> failures) {
    Map<String, Failure> byReason = new LinkedHashMap<>();
    for (Failure f : failures) {
      byReason.putIfAbsent(f.reason(), new Failure(null, f.reason(), f.detail()));
    }
    return new ArrayList<>(byReason.values());
  }

  /**
   * The placement rules of an awsvpc launch: only instances in a zone of one of its subnets
   * (ECS places awsvpc tasks only where their subnets are), as one more memberOf constraint.
   */
  private static LaunchSpec.PlacementRules withZones(LaunchSpec.PlacementRules rules, AwsVpcRequest network) {
    if (network == null) {
      return rules;
    }
    String expression = "attribute:" + TaskNetworking.ZONE_ATTRIBUTE + " in [" + String.join(", ", network.zones())
        + "]";
    List<Constraint> constraints = new ArrayList<>(rules.constraints());
    try {
      constraints.add(Constraint.parse("memberOf", expression));
    } catch (IllegalArgumentException e) {
      return rules; // a zone name the query language cannot write: the address step still refuses other zones
    }
    return new LaunchSpec.PlacementRules(rules.strategies(), constraints, rules.required());
  }

  /** Instances turned down for being outside the subnets' zones say so, instead of the memberOf reason. */
  private static List<Failure> zoneFailures(List<Failure> failures, ClusterSnapshot snapshot, AwsVpcRequest network) {
    if (network == null) {
      return failures;
    }
    List<Failure> out = new ArrayList<>();
    for (Failure f : failures) {
      String zone = snapshot.byArn(f.arn()).map(n -> n.attribute(TaskNetworking.ZONE_ATTRIBUTE)).orElse(null);
      if (Reason.MEMBER_OF.ecsReason().equals(f.reason()) && !network.zones().contains(zone)) {
        out.add(new Failure(f.arn(), LaunchAddresses.ZONE, LaunchAddresses.zoneDetail(network, zone)));
      } else {
        out.add(f);
      }
    }
    return out;
  }

  /** Why {@code node} cannot take one more task of this launch now (the applier's re-check). */
  private static Optional<String> refusal(Node node, Demand demand, String group, LaunchSpec.PlacementRules rules) {
    Optional<Reason> reason = Fit.check(node, demand).or(() -> Fit.attributes(node, rules.required()));
    for (Constraint c : rules.constraints()) {
      if (reason.isPresent()) {
        break;
      }
      if (c instanceof Constraint.DistinctInstance && node.tasksOf(group) > 0) {
        reason = Optional.of(Reason.DISTINCT_INSTANCE);
      } else if (c instanceof Constraint.MemberOf m && !m.query().test(node)) {
        reason = Optional.of(Reason.MEMBER_OF);
      }
    }
    return reason.map(Reason::ecsReason);
  }

  /**
   * A generator for one call, confined to its thread: seeded once from the shared source (which
   * may be a synchronised SecureRandom), then used for the scheduler's tie-breaks, task ids and
   * container ARNs without touching the shared source again.
   */
  private RandomGenerator callRandom() {
    synchronized (random) { // the shared source need not be thread-safe; one draw per call
      return new SplittableRandom(random.nextLong());
    }
  }

  private static TaskHold hold(RandomGenerator random, TaskDemand demand, String group, String instanceId,
      List<String> gpuIds) {
    return new TaskHold(TaskIds.newId(random), instanceId, demand, group, false, gpuIds);
  }

  /** One planning round: the tasks proposed (as the holds they would take) and the failures of those that fit nowhere. */
  private record Round(List<TaskHold> proposals, List<Failure> failures) {}

  /** Plans {@code remaining} more tasks on the ledger as it is now. */
  private interface Planner {
    Round plan(ClusterLedger ledger, int remaining);
  }

  private TasksResponse launch(LaunchSpec spec, Instant now, RandomGenerator random, int count,
      List<Failure> earlierFailures, boolean replan, Planner planner, PlanApplier.FitCheck fit) {
    if (spec.clientToken() == null) {
      return launchOnce(spec, now, random, count, earlierFailures, replan, planner, fit);
    }
    // Retries of one request run one after the other, so a retry finds the first one's tasks
    // instead of finding its reservations in the way.
    synchronized (tokenLocks[Math.floorMod((spec.scope() + spec.clientToken()).hashCode(), tokenLocks.length)]) {
      return launchOnce(spec, now, random, count, earlierFailures, replan, planner, fit);
    }
  }

  private TasksResponse launchOnce(LaunchSpec spec, Instant now, RandomGenerator random, int count,
      List<Failure> earlierFailures, boolean replan, Planner planner, PlanApplier.FitCheck fit) {
    Scope scope = spec.scope();
    placement.awaitCurrent();
    ClusterLedger ledger = spec.fargate() != null ? placement.managedLedger(scope.region())
        : placement.ledger(scope, spec.cluster());
    for (int round = 0; round < MAX_ROUNDS; round++) {
      if (spec.clientToken() != null) {
        Optional<Versioned<RunTaskToken>> used = store.get(TaskRefs.tokenKey(scope, spec.cluster(), spec.clientToken()),
            RunTaskToken.class);
        if (used.isPresent()) {
          return replay(scope, spec, used.get().value());
        }
      }
      List<PlanApplier.Accepted> accepted = new ArrayList<>();
      List<Failure> failures = new ArrayList<>(earlierFailures);
      for (int step = 0; step < MAX_ROUNDS && accepted.size() < count; step++) {
        Round planned = planner.plan(ledger, count - accepted.size());
        PlanApplier.Outcome outcome = PlanApplier.reserve(ledger, planned.proposals(), fit);
        accepted.addAll(outcome.accepted());
        if (outcome.rejected().isEmpty() || !replan) {
          failures.addAll(planned.failures());
          for (PlanApplier.Rejected r : outcome.rejected()) {
            ledger.instance(r.hold().instanceId()).ifPresent(v -> failures.add(new Failure(
                spec.fargate() != null ? null : v.value().containerInstanceArn(), r.reason(), null)));
          }
          break;
        }
      }
      List<SpotPreemption.Preempted> preempted = List.of();
      if (spec.fargate() != null && !spec.fargate().spot() && replan && accepted.size() < count) {
        TaskDemand taskDemand = spec.demand();
        preempted = SpotPreemption.reserve(ledger, placement, taskDemand, spec.placement().required(),
            count - accepted.size(), () -> hold(random, taskDemand, spec.group(), "", List.of()));
        if (accepted.size() + preempted.size() == count) {
          failures.clear();
          failures.addAll(earlierFailures);
        }
      }
      List<PlanApplier.Accepted> planned = new ArrayList<>(accepted);
      for (SpotPreemption.Preempted p : preempted) {
        planned.add(p.accepted());
      }
      LaunchAddresses addresses = LaunchAddresses.lease(networking, spec, planned, now, random);
      if (!addresses.refused.isEmpty()) {
        PlanApplier.release(ledger, addresses.refused);
        failures.addAll(addresses.failures);
        planned = addresses.addressed;
      }
      if (planned.isEmpty()) {
        addresses.settle();
        return new TasksResponse(failures, List.of());
      }
      List<PlanApplier.Accepted> reserved = List.copyOf(planned);
      Txn.Builder txn = Txn.builder();
      List<Task> tasks = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      Map<String, Versioned<ContainerInstance>> used = new LinkedHashMap<>();
      Map<String, List<String>> victimsOf = new LinkedHashMap<>();
      for (SpotPreemption.Preempted p : preempted) {
        if (reserved.contains(p.accepted())) {
          victimsOf.put(p.accepted().hold().taskId(), p.victimKeys());
        }
      }
      if (!SpotInterruptions.interrupt(store, txn, victimsOf.values().stream().flatMap(List::stream).toList(), now)) {
        addresses.settle();
        PlanApplier.release(ledger, reserved);
        placement.awaitCurrent();
        continue;
      }
      for (PlanApplier.Accepted a : reserved) {
        used.putIfAbsent(a.instance().key(), a.instance());
        StoredTask stored = spec.stored(a.hold().taskId(), a.instance().value(), a.hold().gpuIds(),
            addresses.networks.get(a.hold().taskId()), now, random);
        addresses.leaseOf(a.hold().taskId()).ifPresent(l -> networking.allocator().stage(txn, l));
        String key = TaskRefs.key(scope, spec.cluster(), a.hold().taskId());
        List<String> victims = victimsOf.get(a.hold().taskId());
        if (victims != null) {
          stored = stored.awaiting(victims);
          SpotInterruptions.await(store, txn, key, victims);
        }
        byte[] value = store.encode(stored);
        txn.absent(key).put(key, value);
        placement.expect(key, value, stored.held().orElseThrow());
        keys.add(key);
        tags.put(txn, scope, stored.task().taskArn(), spec.tags());
        tasks.add(stored.task().withTags(spec.tags()));
      }
      used.values().forEach(v -> txn.modRevisionIs(v.key(), v.modRevision()));
      if (spec.clientToken() != null) {
        String tokenKey = TaskRefs.tokenKey(scope, spec.cluster(), spec.clientToken());
        txn.absent(tokenKey).put(tokenKey, store.encode(new RunTaskToken(spec.requestFingerprint(), spec.cluster(),
            reserved.stream().map(a -> a.hold().taskId()).toList(), failures, now)));
      }
      boolean committed = false;
      try {
        committed = store.commit(txn.build()).succeeded();
      } finally {
        addresses.settle();
        if (!committed) {
          PlanApplier.release(ledger, reserved);
          keys.forEach(placement::forget);
        }
      }
      if (committed) {
        return new TasksResponse(failures, tasks);
      }
      placement.awaitCurrent();
    }
    throw new IllegalStateException("too much contention: gave up placing after " + MAX_ROUNDS + " rounds");
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
