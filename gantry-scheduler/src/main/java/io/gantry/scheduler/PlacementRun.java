package io.gantry.scheduler;

import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Demand;
import io.gantry.scheduler.cluster.Node;
import io.gantry.scheduler.query.Query;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The working state of one {@link Scheduler#place} call. Everything that does not depend on the
 * plan (status, agent, required attributes, memberOf expressions that do not read task:group,
 * ports already in use) is decided once per node; each task then costs one scan of the remaining
 * candidates comparing the strategy keys level by level, with reservoir sampling over ties.
 * Confined to the calling thread.
 */
final class PlacementRun {
  private final ClusterSnapshot snapshot;
  private final PlacementRequest request;
  private final Demand demand;
  private final RandomGenerator random;
  private final int n;
  private final Node[] work;
  private final long[] cpu;
  private final long[] memory;
  private final int[] gpusFree;
  private final int[] placedHere;
  private final int[] groupBase;
  private final Reason[] fixedReason;
  private final Reason[] portsInUse;
  private final boolean[] dynamicOk;
  private final List<Query> staticQueries = new ArrayList<>();
  private final List<Query> dynamicQueries = new ArrayList<>();
  private final boolean distinct;
  private int[] candidates;
  private int candidateCount;

  PlacementRun(ClusterSnapshot snapshot, PlacementRequest request, RandomGenerator random) {
    this.snapshot = snapshot;
    this.request = request;
    this.demand = request.demand();
    this.random = random;
    this.n = snapshot.size();
    this.work = snapshot.nodes().toArray(new Node[0]);
    this.cpu = new long[n];
    this.memory = new long[n];
    this.gpusFree = new int[n];
    this.placedHere = new int[n];
    this.groupBase = new int[n];
    this.fixedReason = new Reason[n];
    this.portsInUse = new Reason[n];
    this.dynamicOk = new boolean[n];
    this.distinct = request.distinctInstance();
    for (Constraint c : request.constraints()) {
      if (c instanceof Constraint.MemberOf m) {
        (m.query().usesTaskGroup() ? dynamicQueries : staticQueries).add(m.query());
      }
    }
  }

  Plan run() {
    prepare();
    Ranking ranking = Ranking.of(request.strategies(), snapshot, request.group(), cpu, memory);
    long[] bestKeys = new long[ranking.levels()];
    List<Plan.Placement> placements = new ArrayList<>();
    List<Plan.Unplaced> unplaced = new ArrayList<>();
    Map<Integer, Node> touched = new HashMap<>();
    Rejections rejections = null;
    for (int task = 0; task < request.count(); task++) {
      int best = rejections == null ? choose(ranking, bestKeys) : -1;
      if (best < 0) {
        if (rejections == null) {
          rejections = explain();
        }
        unplaced.add(new Plan.Unplaced(task, rejections));
        continue;
      }
      Node before = work[best];
      placements.add(new Plan.Placement(task, before.arn(), before.gpuIdsFor(demand)));
      work[best] = before.reserve(demand, request.group());
      touched.put(best, work[best]);
      cpu[best] -= demand.cpu();
      memory[best] -= demand.memory();
      gpusFree[best] -= demand.gpus();
      placedHere[best]++;
      ranking.placed(best);
      if (!dynamicQueries.isEmpty()) {
        dynamicOk[best] = all(dynamicQueries, work[best]);
      }
    }
    return new Plan(placements, unplaced, snapshot.withReplaced(touched));
  }

  /** Decides what does not depend on the plan, once per node, and lists the candidates left. */
  private void prepare() {
    candidates = new int[n];
    for (int i = 0; i < n; i++) {
      Node node = work[i];
      cpu[i] = node.cpu();
      memory[i] = node.memory();
      gpusFree[i] = node.freeGpuIds().size();
      groupBase[i] = node.tasksOf(request.group());
      Reason r = Fit.state(node);
      if (r == null) {
        r = Fit.attributes(node, request.requiredAttributes()).orElse(null);
      }
      if (r == null && !all(staticQueries, node)) {
        r = Reason.MEMBER_OF;
      }
      fixedReason[i] = r;
      if (r == null) {
        portsInUse[i] = Fit.ports(node, demand);
        dynamicOk[i] = all(dynamicQueries, node);
        candidates[candidateCount++] = i;
      }
    }
  }

  /** The candidate the strategies prefer for the next task, or -1 when none has room. */
  private int choose(Ranking ranking, long[] bestKeys) {
    int levels = ranking.levels();
    int best = -1;
    int ties = 0;
    for (int k = 0; k < candidateCount; k++) {
      int i = candidates[k];
      if (dynamicReason(i) != null) {
        continue;
      }
      if (best < 0) {
        for (int l = 0; l < levels; l++) {
          bestKeys[l] = ranking.key(l, i);
        }
        best = i;
        ties = 1;
        continue;
      }
      int l = 0;
      long key = 0;
      while (l < levels && (key = ranking.key(l, i)) == bestKeys[l]) {
        l++;
      }
      if (l == levels) {
        ties++;
        if (random.nextInt(ties) == 0) {
          best = i;
        }
      } else if (key < bestKeys[l]) {
        bestKeys[l] = key;
        for (int m = l + 1; m < levels; m++) {
          bestKeys[m] = ranking.key(m, i);
        }
        best = i;
        ties = 1;
      }
    }
    return best;
  }

  /** Why candidate {@code i} cannot take the next task now, in {@link Reason} order, or null. */
  private Reason dynamicReason(int i) {
    if (!dynamicOk[i]) {
      return Reason.MEMBER_OF;
    }
    if (distinct && groupBase[i] + placedHere[i] > 0) {
      return Reason.DISTINCT_INSTANCE;
    }
    if (cpu[i] < demand.cpu()) {
      return Reason.CPU;
    }
    if (memory[i] < demand.memory()) {
      return Reason.MEMORY;
    }
    if (portsInUse[i] != null) {
      return portsInUse[i];
    }
    if (placedHere[i] > 0 && demand.hasStaticPorts()) {
      return demand.tcpPorts().isEmpty() ? Reason.PORTS_UDP : Reason.PORTS;
    }
    return gpusFree[i] < demand.gpus() ? Reason.GPU : null;
  }

  private Rejections explain() {
    Map<Reason, List<String>> byReason = new EnumMap<>(Reason.class);
    for (int i = 0; i < n; i++) {
      Reason r = fixedReason[i] != null ? fixedReason[i] : dynamicReason(i);
      if (r != null) {
        byReason.computeIfAbsent(r, x -> new ArrayList<>()).add(work[i].arn());
      }
    }
    return new Rejections(byReason);
  }

  private static boolean all(List<Query> queries, Node node) {
    for (Query q : queries) {
      if (!q.test(node)) {
        return false;
      }
    }
    return true;
  }
}
