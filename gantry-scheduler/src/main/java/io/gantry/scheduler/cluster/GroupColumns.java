package io.gantry.scheduler.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per task group, the number of its tasks on each node of one snapshot, by position: built on
 * first use, and carried into derived snapshots with just the replaced positions recounted, so
 * a request for a busy group copies an array instead of looking the group up on every node.
 * Keeps the {@link #LIMIT} groups asked for most lately. Thread-safe.
 */
final class GroupColumns {
  static final int LIMIT = 32;

  private final Map<String, int[]> columns = new ConcurrentHashMap<>();

  int[] get(String group, Node[] nodes) {
    int[] column = columns.get(group);
    if (column == null) {
      column = new int[nodes.length];
      for (int i = 0; i < nodes.length; i++) {
        column[i] = nodes[i].tasksOf(group);
      }
      if (columns.size() >= LIMIT) {
        columns.clear();
      }
      columns.put(group, column);
    }
    return column;
  }

  /** The columns for {@code nodes}, which are this snapshot's nodes with {@code replaced} positions changed. */
  GroupColumns derive(Node[] nodes, int[] replaced) {
    GroupColumns next = new GroupColumns();
    columns.forEach((group, column) -> {
      int[] copy = column.clone();
      for (int i : replaced) {
        copy[i] = nodes[i].tasksOf(group);
      }
      next.columns.put(group, copy);
    });
    return next;
  }
}
