package io.gantry.scheduler.cluster;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The nodes of one cluster at one moment, in a fixed order (the order breaks no ties: ties are
 * broken at random, but the same order and seed give the same plan). Immutable and safe to share
 * between threads; lookups by ARN are constant time.
 *
 * <p>Besides the nodes it keeps columns by position — remaining CPU, memory and GPUs, tasks per
 * group — and a memo of results that depend only on the nodes' profiles, so that a placement
 * request reads arrays instead of visiting every node. A snapshot derived by {@link
 * #withReplaced} patches the columns at the replaced positions and keeps the memo unless a
 * replaced node changed its profile.
 */
public final class ClusterSnapshot {
  private final Node[] nodes;
  private final Map<String, Integer> indexByArn;
  private final List<Node> view;
  private final long[] cpu;
  private final long[] memory;
  private final int[] gpus;
  private final ProfileMemo memo;
  private final GroupColumns groups;

  private ClusterSnapshot(Node[] nodes, Map<String, Integer> indexByArn, long[] cpu, long[] memory, int[] gpus,
      ProfileMemo memo, GroupColumns groups) {
    this.nodes = nodes;
    this.indexByArn = indexByArn;
    this.view = Collections.unmodifiableList(Arrays.asList(nodes)); // no copy: nodes is never written after this
    this.cpu = cpu;
    this.memory = memory;
    this.gpus = gpus;
    this.memo = memo;
    this.groups = groups;
  }

  /** A snapshot of {@code nodes}; their ARNs must be distinct. */
  public static ClusterSnapshot of(List<Node> nodes) {
    Node[] array = nodes.toArray(new Node[0]);
    Map<String, Integer> index = new HashMap<>(array.length * 2);
    long[] cpu = new long[array.length];
    long[] memory = new long[array.length];
    int[] gpus = new int[array.length];
    for (int i = 0; i < array.length; i++) {
      if (index.put(array[i].arn(), i) != null) {
        throw new IllegalArgumentException("node " + array[i].arn() + " appears twice");
      }
      cpu[i] = array[i].cpu();
      memory[i] = array[i].memory();
      gpus[i] = array[i].freeGpuIds().size();
    }
    return new ClusterSnapshot(array, Map.copyOf(index), cpu, memory, gpus, new ProfileMemo(), new GroupColumns());
  }

  public static ClusterSnapshot empty() {
    return of(List.of());
  }

  /** The nodes, in snapshot order. */
  public List<Node> nodes() {
    return view;
  }

  public int size() {
    return nodes.length;
  }

  /** The node at {@code index} in snapshot order. */
  public Node get(int index) {
    return nodes[index];
  }

  public Optional<Node> byArn(String arn) {
    Integer i = indexByArn.get(arn);
    return i == null ? Optional.empty() : Optional.of(nodes[i]);
  }

  /** The position of node {@code arn} in snapshot order, or -1. */
  public int indexOf(String arn) {
    return indexByArn.getOrDefault(arn, -1);
  }

  /** Copies every node's remaining CPU, memory and free GPU count, by position, into the arrays given. */
  public void copyResources(long[] cpuInto, long[] memoryInto, int[] gpusInto) {
    System.arraycopy(cpu, 0, cpuInto, 0, cpu.length);
    System.arraycopy(memory, 0, memoryInto, 0, memory.length);
    System.arraycopy(gpus, 0, gpusInto, 0, gpus.length);
  }

  /** Copies the number of tasks of {@code group} (null: none) on every node, by position, into {@code into}. */
  public void copyGroupCounts(String group, long[] into) {
    if (group == null) {
      Arrays.fill(into, 0, nodes.length, 0);
      return;
    }
    int[] column = groups.get(group, nodes);
    for (int i = 0; i < column.length; i++) {
      into[i] = column[i];
    }
  }

  /**
   * The value memoised under {@code key}, computed by {@code compute} on first use. The value
   * must depend only on the profiles (see {@link Node#sameProfile}) and positions of this
   * snapshot's nodes, and must not be modified by its users: it is shared by every snapshot
   * derived from this one while those stay the same. Keys need value equality.
   */
  public <T> T memo(Object key, Supplier<T> compute) {
    return memo.get(key, compute);
  }

  /**
   * This snapshot with the nodes at the given positions replaced by nodes of the same ARN (as
   * {@link Node#reserve} returns them); shares the ARN index, so it costs one copy of the node
   * array and of each column.
   */
  public ClusterSnapshot withReplaced(Map<Integer, Node> replacements) {
    if (replacements.isEmpty()) {
      return this;
    }
    Node[] copy = Arrays.copyOf(nodes, nodes.length);
    long[] cpuCopy = cpu.clone();
    long[] memoryCopy = memory.clone();
    int[] gpusCopy = gpus.clone();
    int[] positions = new int[replacements.size()];
    boolean sameProfiles = true;
    int k = 0;
    for (Map.Entry<Integer, Node> e : replacements.entrySet()) {
      int i = e.getKey();
      Node node = e.getValue();
      if (!copy[i].arn().equals(node.arn())) {
        throw new IllegalArgumentException("replacement for " + copy[i].arn() + " is " + node.arn());
      }
      sameProfiles &= copy[i].sameProfile(node);
      copy[i] = node;
      cpuCopy[i] = node.cpu();
      memoryCopy[i] = node.memory();
      gpusCopy[i] = node.freeGpuIds().size();
      positions[k++] = i;
    }
    return new ClusterSnapshot(copy, indexByArn, cpuCopy, memoryCopy, gpusCopy,
        sameProfiles ? memo : new ProfileMemo(), groups.derive(copy, positions));
  }
}
