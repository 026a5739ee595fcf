package io.gantry.scheduler.cluster;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes of one cluster at one moment, in a fixed order (the order breaks no ties: ties are
 * broken at random, but the same order and seed give the same plan). Immutable and safe to share
 * between threads; lookups by ARN are constant time.
 */
public final class ClusterSnapshot {
  private final Node[] nodes;
  private final Map<String, Integer> indexByArn;
  private final List<Node> view;

  private ClusterSnapshot(Node[] nodes, Map<String, Integer> indexByArn) {
    this.nodes = nodes;
    this.indexByArn = indexByArn;
    this.view = List.of(nodes);
  }

  /** A snapshot of {@code nodes}; their ARNs must be distinct. */
  public static ClusterSnapshot of(List<Node> nodes) {
    Node[] array = nodes.toArray(new Node[0]);
    Map<String, Integer> index = new HashMap<>(array.length * 2);
    for (int i = 0; i < array.length; i++) {
      if (index.put(array[i].arn(), i) != null) {
        throw new IllegalArgumentException("node " + array[i].arn() + " appears twice");
      }
    }
    return new ClusterSnapshot(array, Map.copyOf(index));
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

  /**
   * This snapshot with the nodes at the given positions replaced by nodes of the same ARN (as
   * {@link Node#reserve} returns them); shares the ARN index, so it costs one array copy.
   */
  public ClusterSnapshot withReplaced(Map<Integer, Node> replacements) {
    if (replacements.isEmpty()) {
      return this;
    }
    Node[] copy = Arrays.copyOf(nodes, nodes.length);
    replacements.forEach((i, node) -> {
      if (!copy[i].arn().equals(node.arn())) {
        throw new IllegalArgumentException("replacement for " + copy[i].arn() + " is " + node.arn());
      }
      copy[i] = node;
    });
    return new ClusterSnapshot(copy, indexByArn);
  }
}
