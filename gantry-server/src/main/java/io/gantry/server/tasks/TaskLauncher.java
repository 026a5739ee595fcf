package io.gantry.server.tasks;

import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.EcsException;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import io.gantry.scheduler.Fit;
import io.gantry.scheduler.Plan;
import io.gantry.scheduler.PlacementRequest;
import io.gantry.scheduler.Reason;
import io.gantry.scheduler.Scheduler;
import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Demand;
import io.gantry.scheduler.cluster.Node;
import io.gantry.server.instances.InstanceRefs;
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
  static final String NO_PROVIDER_INSTANCES = "No Container Instances were found in your capacity provider.";
  static final String NO_MANAGED_CAPACITY = "No managed capacity is registered for FARGATE tasks in this region: "
      + "start an agent with 'gantry agent --fargate' (or 'gantry up').";
  static final String TOKEN_CONFLICT = ClientTokens.CONFLICT;
  private static final int MAX_ROUNDS = 100;
  /** The snapshot memo key of "some instance is ACTIVE" (status is part of a node's profile). */
  private static final String ANY_ACTIVE = "tasks.any-active";

  private final EntityStore store;
  private final TagStore tags;
  private final PlacementState placement;
  private final InstanceRefs instances;
  private final RandomGenerator random;
  private final TaskNetworking networking;
  private final ClientTokens tokens;

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
    this.tokens = new ClientTokens(store, tags);
  }

  /** RunTask: {@code count} tasks placed by the scheduler on the cluster's ACTIVE instances. */
  TasksResponse run(LaunchSpec spec, int count, Instant now) {
    return run(spec, count, Map.of(), now);
  }

  /**
   * RunTask or a service launch: {@code count} tasks placed by the scheduler on the cluster's
   * ACTIVE instances; with a capacity-provider strategy, split over its providers first
   * ({@code running}: the tasks each provider already runs, for a service) and each part placed
   * only on its provider's instances.
   */
  TasksResponse run(LaunchSpec spec, int count, Map<String, Integer> running, Instant now) {
    if (!spec.capacityProviderStrategy().isEmpty()) {
      return runByProvider(spec, CapacityPlacement.parts(spec.capacityProviderStrategy(), count, running), now);
    }
    RandomGenerator random = callRandom();
    TaskDemand taskDemand = spec.demand();
    Demand demand = Nodes.demand(taskDemand);
    LaunchSpec.PlacementRules rules = LaunchPlacements.withZones(spec.placement(), spec.network());
    return launch(spec, now, random, count, List.of(), true, (ledger, accepted, remaining) -> {
      ClusterSnapshot snapshot = ledger.snapshot();
      if (!snapshot.memo(ANY_ACTIVE, () -> snapshot.nodes().stream().anyMatch(n -> Node.ACTIVE.equals(n.status())))) {
        throw EcsException.invalidParameter(spec.fargate() != null ? NO_MANAGED_CAPACITY : NO_INSTANCES);
      }
      Plan plan = Scheduler.place(snapshot, new PlacementRequest(demand, remaining, spec.group(), rules.strategies(),
          rules.constraints(), rules.required()), random);
      List<TaskHold> holds = new ArrayList<>();
      for (Plan.Placement p : plan.placements()) {
        holds.add(LaunchRound.hold(random, taskDemand, spec.group(), snapshot.byArn(p.nodeArn()).orElseThrow().id(), p.gpuIds()));
      }
      List<Failure> failures = LaunchPlacements.zoneFailures(PlacementFailures.of(plan.unplaced()), snapshot,
          spec.network());
      return new LaunchRound(holds, spec.fargate() != null ? LaunchPlacements.anonymous(failures) : failures);
    }, (node, hold) -> LaunchPlacements.refusal(node, demand, spec.group(), rules));
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
    return launch(spec, now, random, ids.size(), missing, false, (ledger, accepted, remaining) -> new LaunchRound(
        ids.stream().map(id -> LaunchRound.hold(random, taskDemand, spec.group(), id, List.of())).toList(), List.of()),
        (node, hold) -> Fit.check(node, demand).map(Reason::ecsReason));
  }

  /**
   * One task on each named instance (a DAEMON service's launches): no scheduler, but each
   * instance is re-checked like a RunTask placement (resources, required attributes, constraints)
   * and one that does not fit is a failure with its reason.
   */
  TasksResponse onInstances(LaunchSpec spec, List<String> instanceIds, Instant now) {
    RandomGenerator random = callRandom();
    TaskDemand taskDemand = spec.demand();
    Demand demand = Nodes.demand(taskDemand);
    LaunchSpec.PlacementRules rules = LaunchPlacements.withZones(spec.placement(), spec.network());
    return launch(spec, now, random, instanceIds.size(), List.of(), false, (ledger, accepted, remaining) -> new LaunchRound(
        instanceIds.stream().map(id -> LaunchRound.hold(random, taskDemand, spec.group(), id, List.of())).toList(), List.of()),
        (node, hold) -> LaunchPlacements.refusal(node, demand, spec.group(), rules));
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

  /**
   * The tasks of a capacity-provider split. The FARGATE and FARGATE_SPOT parts are checked first
   * ({@link LaunchPlacements#fargateParts}: nothing is placed when one is refused). The parts on
   * container instances are planned each on its provider's instances only (a snapshot of those nodes) and
   * reserved and committed together; each FARGATE / FARGATE_SPOT part is then launched on managed
   * capacity in a commit of its own. With a client token the split records the token itself,
   * after its parts, with every task it created (a retry replays them).
   */
  private TasksResponse runByProvider(LaunchSpec spec, List<CapacityPlacement.Part> parts, Instant now) {
    List<CapacityPlacement.Part> ec2 = parts.stream().filter(p -> !p.target().fargate()).toList();
    List<CapacityPlacement.Part> managed = parts.stream().filter(p -> p.target().fargate()).toList();
    if (managed.isEmpty()) {
      return runOnProviders(spec, ec2, now);
    }
    if (spec.clientToken() == null) {
      return runParts(spec, ec2, LaunchPlacements.fargateParts(networking, spec, managed), now);
    }
    LaunchSpec untokened = spec.withoutClientToken();
    List<Map.Entry<LaunchSpec, Integer>> managedParts = LaunchPlacements.fargateParts(networking, untokened, managed);
    synchronized (tokens.lock(spec)) {
      Optional<TasksResponse> replayed = tokens.replay(spec);
      if (replayed.isPresent()) {
        return replayed.get();
      }
      TasksResponse out = runParts(untokened, ec2, managedParts, now);
      tokens.record(spec, out.tasks().stream().map(t -> t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1))
          .toList(), out.failures(), now);
      return out;
    }
  }

  /** The parts on container instances (one commit), then each FARGATE / FARGATE_SPOT part (a commit each). */
  private TasksResponse runParts(LaunchSpec spec, List<CapacityPlacement.Part> ec2,
      List<Map.Entry<LaunchSpec, Integer>> managed, Instant now) {
    List<Task> tasks = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    if (!ec2.isEmpty()) {
      TasksResponse out = runOnProviders(spec, ec2, now);
      tasks.addAll(out.tasks());
      failures.addAll(out.failures());
    }
    for (Map.Entry<LaunchSpec, Integer> part : managed) {
      try {
        TasksResponse out = run(part.getKey(), part.getValue(), now);
        tasks.addAll(out.tasks());
        failures.addAll(out.failures());
      } catch (EcsException e) {
        if (!NO_MANAGED_CAPACITY.equals(e.getMessage())) {
          throw e;
        }
        // the other parts may have run already: this part's shortfall is a failure, as for a provider without instances
        failures.add(new Failure(io.gantry.model.Arn.capacityProvider(spec.scope(),
            part.getKey().fargate().capacityProviderName()), NO_MANAGED_CAPACITY, null));
      }
    }
    return new TasksResponse(failures, tasks);
  }

  /**
   * The parts of a split on container instances: each part is planned on its provider's
   * instances only (a snapshot of those nodes), all parts are reserved, committed and answered
   * together.
   */
  private TasksResponse runOnProviders(LaunchSpec spec, List<CapacityPlacement.Part> ec2, Instant now) {
    RandomGenerator random = callRandom();
    TaskDemand taskDemand = spec.demand();
    Demand demand = Nodes.demand(taskDemand);
    LaunchSpec.PlacementRules rules = LaunchPlacements.withZones(spec.placement(), spec.network());
    int count = ec2.stream().mapToInt(CapacityPlacement.Part::count).sum();
    Map<String, Boolean> waits = new LinkedHashMap<>();
    for (CapacityPlacement.Part part : ec2) {
      String provider = part.target().capacityProviderName();
      waits.put(provider, CapacityWait.waits(store, spec, provider));
    }
    return launch(spec, now, random, count, List.of(), true,
        ProviderRound.planner(spec, ec2, waits, taskDemand, rules, random),
        (node, hold) -> LaunchPlacements.refusal(node, demand, spec.group(), rules));
  }

  private TasksResponse launch(LaunchSpec spec, Instant now, RandomGenerator random, int count,
      List<Failure> earlierFailures, boolean replan, LaunchRound.Planner planner, PlanApplier.FitCheck fit) {
    if (spec.clientToken() == null) {
      return launchOnce(spec, now, random, count, earlierFailures, replan, planner, fit);
    }
    // Retries of one request run one after the other, so a retry finds the first one's tasks
    // instead of finding its reservations in the way.
    synchronized (tokens.lock(spec)) {
      return launchOnce(spec, now, random, count, earlierFailures, replan, planner, fit);
    }
  }

  private TasksResponse launchOnce(LaunchSpec spec, Instant now, RandomGenerator random, int count,
      List<Failure> earlierFailures, boolean replan, LaunchRound.Planner planner, PlanApplier.FitCheck fit) {
    Scope scope = spec.scope();
    placement.awaitCurrent();
    ClusterLedger ledger = spec.fargate() != null ? placement.managedLedger(scope.region())
        : placement.ledger(scope, spec.cluster());
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Optional<TasksResponse> replayed = spec.clientToken() == null ? Optional.empty() : tokens.replay(spec);
      if (replayed.isPresent()) {
        return replayed.get();
      }
      List<PlanApplier.Accepted> accepted = new ArrayList<>();
      List<Failure> failures = new ArrayList<>(earlierFailures);
      List<String> waiting = new ArrayList<>();
      for (int step = 0; step < MAX_ROUNDS && accepted.size() < count; step++) {
        LaunchRound planned = planner.plan(ledger, accepted, count - accepted.size());
        PlanApplier.Outcome outcome = PlanApplier.reserve(ledger, planned.proposals(), fit);
        accepted.addAll(outcome.accepted());
        if (outcome.rejected().isEmpty() || !replan) {
          failures.addAll(planned.failures());
          waiting.addAll(planned.waiting());
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
            count - accepted.size(), () -> LaunchRound.hold(random, taskDemand, spec.group(), "", List.of()));
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
      if (planned.isEmpty() && waiting.isEmpty()) {
        addresses.settle();
        return new TasksResponse(failures, List.of());
      }
      try {
        CapacityWait.checkLimit(store, scope, spec.cluster(), waiting.size(), CapacityWait.DEFAULT_LIMIT);
      } catch (EcsException e) {
        addresses.settle();
        PlanApplier.release(ledger, planned);
        throw e;
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
      List<String> ids = new ArrayList<>(reserved.stream().map(a -> a.hold().taskId()).toList());
      for (Task waits : CapacityWait.stage(store, tags, txn, spec, waiting, now, random)) {
        tasks.add(waits);
        ids.add(TaskRefs.idOf(waits.taskArn()));
      }
      used.values().forEach(v -> txn.modRevisionIs(v.key(), v.modRevision()));
      if (spec.clientToken() != null) {
        tokens.stage(txn, spec, ids, failures, now);
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
}
