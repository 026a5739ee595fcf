package io.gantry.scheduler;

import io.gantry.scheduler.cluster.ClusterSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * The result of one placement: the tasks placed (task index, node, GPUs), the tasks that fit
 * nowhere with why, and the snapshot as it is with the placed tasks reserved. Optimistic: the
 * plan applier re-checks each node against the latest state before committing. Immutable.
 */
public record Plan(List<Placement> placements, List<Unplaced> unplaced, ClusterSnapshot after) {

  public Plan {
    placements = List.copyOf(placements);
    unplaced = List.copyOf(unplaced);
    Objects.requireNonNull(after, "after");
  }

  /** Task {@code task} (0-based in the request) goes to node {@code nodeArn} and holds GPUs {@code gpuIds}. */
  public record Placement(int task, String nodeArn, List<String> gpuIds) {
    public Placement {
      Objects.requireNonNull(nodeArn, "nodeArn");
      gpuIds = List.copyOf(gpuIds);
    }
  }

  /** Task {@code task} fits on no node, for the reasons in {@code rejections}. */
  public record Unplaced(int task, Rejections rejections) {
    public Unplaced {
      Objects.requireNonNull(rejections, "rejections");
    }
  }

  /** Whether every task of the request was placed. */
  public boolean complete() {
    return unplaced.isEmpty();
  }
}
