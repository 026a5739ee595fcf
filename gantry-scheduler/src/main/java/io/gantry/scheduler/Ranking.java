package io.gantry.scheduler;

import io.gantry.scheduler.cluster.ClusterSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategies of one request as per-node keys, lower preferred, compared level by level: a
 * spread level's key is the number of the group's tasks on the node's value of the field (all
 * nodes of the snapshot count, plus the tasks placed so far in this plan), a binpack level's key
 * is what remains of the resource. A random strategy ends the levels: what is still tied is
 * drawn at random. Mutable working state of one placement; confined to its thread.
 */
final class Ranking {
  private static final int SPREAD_VALUE = 0;
  private static final int SPREAD_INSTANCE = 1;
  private static final int BINPACK_CPU = 2;
  private static final int BINPACK_MEMORY = 3;

  private final int[] kinds;
  private final int[][] valueOf; // shared with the snapshot's memo: read only
  private final long[][] counts;
  private final long[] perNode;
  private final long[] cpu;
  private final long[] memory;

  private Ranking(int[] kinds, int[][] valueOf, long[][] counts, long[] perNode, long[] cpu, long[] memory) {
    this.kinds = kinds;
    this.valueOf = valueOf;
    this.counts = counts;
    this.perNode = perNode;
    this.cpu = cpu;
    this.memory = memory;
  }

  /**
   * The ranking of {@code strategies} over {@code snapshot}; {@code groupCounts} (the group's
   * tasks per node, counted up by {@link #placed}), {@code cpu} and {@code memory} are the run's
   * live arrays.
   */
  static Ranking of(List<Strategy> strategies, ClusterSnapshot snapshot, long[] groupCounts, long[] cpu,
      long[] memory) {
    int n = snapshot.size();
    int levels = 0;
    while (levels < strategies.size() && !(strategies.get(levels) instanceof Strategy.Random)) {
      levels++;
    }
    int[] kinds = new int[levels];
    int[][] valueOf = new int[levels][];
    long[][] counts = new long[levels][];
    long[] perNode = groupCounts;
    for (int l = 0; l < levels; l++) {
      Strategy s = strategies.get(l);
      if (s instanceof Strategy.Binpack b) {
        kinds[l] = b.resource() == Strategy.Resource.CPU ? BINPACK_CPU : BINPACK_MEMORY;
      } else if (((Strategy.Spread) s).perInstance()) {
        kinds[l] = SPREAD_INSTANCE;
      } else {
        kinds[l] = SPREAD_VALUE;
        String attribute = ((Strategy.Spread) s).attribute();
        ValueIds ids = snapshot.memo(new ValueIds.Key(attribute), () -> ValueIds.of(snapshot, attribute));
        valueOf[l] = ids.ids();
        counts[l] = new long[ids.distinct()];
        for (int i = 0; i < n; i++) {
          counts[l][valueOf[l][i]] += perNode[i];
        }
      }
    }
    return new Ranking(kinds, valueOf, counts, perNode, cpu, memory);
  }

  int levels() {
    return kinds.length;
  }

  /** The key of node {@code i} at {@code level}; lower is preferred. */
  long key(int level, int i) {
    return switch (kinds[level]) {
      case SPREAD_VALUE -> counts[level][valueOf[level][i]];
      case SPREAD_INSTANCE -> perNode[i];
      case BINPACK_CPU -> cpu[i];
      default -> memory[i];
    };
  }

  /** Counts one more task of the group on node {@code i}. */
  void placed(int i) {
    perNode[i]++;
    for (int l = 0; l < kinds.length; l++) {
      if (kinds[l] == SPREAD_VALUE) {
        counts[l][valueOf[l][i]]++;
      }
    }
  }
}

/**
 * For one attribute, each node's value as a small number by position (nodes without it share
 * one), and how many distinct values there are. Depends only on the profiles: memoised in the
 * snapshot under {@link Key}; shared and never modified.
 */
record ValueIds(int[] ids, int distinct) {

  record Key(String attribute) {}

  static ValueIds of(ClusterSnapshot snapshot, String attribute) {
    Map<String, Integer> byValue = new HashMap<>();
    int[] ids = new int[snapshot.size()];
    for (int i = 0; i < ids.length; i++) {
      String value = snapshot.get(i).attributeOr(attribute, null);
      ids[i] = byValue.computeIfAbsent(value, v -> byValue.size());
    }
    return new ValueIds(ids, byValue.size());
  }
}
