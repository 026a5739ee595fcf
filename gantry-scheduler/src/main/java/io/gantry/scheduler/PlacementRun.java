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
 * The working state of one {@link Scheduler#place} call. What depends only on the nodes'
 * profiles (status, agent, required attributes, memberOf expressions that read neither
 * task:group nor runningTasksCount) is memoised in the snapshot and shared by the calls that
 * ask the same; what depends on the load (ports in use, the other memberOf expressions) is
 * decided once per candidate per call; each task then costs one scan of the remaining
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
  private final long[] groupCounts;
  private Reason[] profileReason;
  private Reason[] loadReason;
  private Reason[] portsInUse;
  private boolean[] dynamicOk;
  private final List<Query> profileQueries = new ArrayList<>();
  private final List<Query> loadQueries = new ArrayList<>();
  private final List<Query> dynamicQueries = new ArrayList<>();
  private final boolean distinct;
  private final boolean staticPorts;
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
    this.groupCounts = new long[n];
    this.distinct = request.distinctInstance();
    this.staticPorts = demand.hasStaticPorts();
    for (Constraint c : request.constraints()) {
      if (c instanceof Constraint.MemberOf m) {
        Query q = m.query();
        (q.usesTaskGroup() ? dynamicQueries : q.readsLoad() ? loadQueries : profileQueries).add(q);
      }
    }
  }

  Plan run() {
    prepare();
    Ranking ranking = Ranking.of(request.strategies(), snapshot, groupCounts, cpu, memory);
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
      if (dynamicOk != null) {
        dynamicOk[best] = all(dynamicQueries, work[best]);
      }
    }
    return new Plan(placements, unplaced, snapshot.withReplaced(touched));
  }

  /** Reads the snapshot's columns and profile verdicts, and decides the load-dependent checks per candidate. */
  private void prepare() {
    ProfileVerdicts verdicts = snapshot.memo(ProfileVerdicts.key(request.requiredAttributes(), profileQueries),
        () -> ProfileVerdicts.of(work, request.requiredAttributes(), profileQueries));
    profileReason = verdicts.reasons();
    snapshot.copyResources(cpu, memory, gpusFree);
    snapshot.copyGroupCounts(request.group(), groupCounts);
    if (!loadQueries.isEmpty()) {
      loadReason = new Reason[n];
    }
    if (staticPorts) {
      portsInUse = new Reason[n];
    }
    if (!dynamicQueries.isEmpty()) {
      dynamicOk = new boolean[n];
    }
    int[] fits = verdicts.candidates();
    candidates = new int[fits.length];
    for (int i : fits) {
      Node node = work[i];
      if (loadReason != null && !all(loadQueries, node)) {
        loadReason[i] = Reason.MEMBER_OF;
        continue;
      }
      if (portsInUse != null) {
        portsInUse[i] = Fit.ports(node, demand);
      }
      if (dynamicOk != null) {
        dynamicOk[i] = all(dynamicQueries, node);
      }
      candidates[candidateCount++] = i;
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
    if (dynamicOk != null && !dynamicOk[i]) {
      return Reason.MEMBER_OF;
    }
    if (distinct && groupCounts[i] > 0) {
      return Reason.DISTINCT_INSTANCE;
    }
    if (cpu[i] < demand.cpu()) {
      return Reason.CPU;
    }
    if (memory[i] < demand.memory()) {
      return Reason.MEMORY;
    }
    if (portsInUse != null && portsInUse[i] != null) {
      return portsInUse[i];
    }
    if (staticPorts && placedHere[i] > 0) {
      return demand.tcpPorts().isEmpty() ? Reason.PORTS_UDP : Reason.PORTS;
    }
    return gpusFree[i] < demand.gpus() ? Reason.GPU : null;
  }

  private Rejections explain() {
    Map<Reason, List<String>> byReason = new EnumMap<>(Reason.class);
    for (int i = 0; i < n; i++) {
      Reason r = profileReason[i] != null ? profileReason[i]
          : loadReason != null && loadReason[i] != null ? loadReason[i] : dynamicReason(i);
      if (r != null) {
        byReason.computeIfAbsent(r, x -> new ArrayList<>()).add(work[i].arn());
      }
    }
    return new Rejections(byReason);
  }

  static boolean all(List<Query> queries, Node node) {
    for (Query q : queries) {
      if (!q.test(node)) {
        return false;
      }
    }
    return true;
  }
}
