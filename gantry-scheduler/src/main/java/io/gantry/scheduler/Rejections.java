package io.gantry.scheduler;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Why a task fit nowhere: for each reason, the ARNs of the nodes rejected for it (each node under
 * the first reason that applied to it), in reason order then snapshot order. The server turns it
 * into ECS {@code failures} entries (an instance ARN and a reason). Immutable.
 */
public record Rejections(Map<Reason, List<String>> nodesByReason) {

  public Rejections {
    EnumMap<Reason, List<String>> copy = new EnumMap<>(Reason.class);
    nodesByReason.forEach((reason, arns) -> {
      if (!arns.isEmpty()) {
        copy.put(reason, List.copyOf(arns));
      }
    });
    nodesByReason = Collections.unmodifiableMap(copy);
  }

  /** How many nodes were rejected for each reason, in reason order. */
  public Map<Reason, Integer> counts() {
    EnumMap<Reason, Integer> counts = new EnumMap<>(Reason.class);
    nodesByReason.forEach((reason, arns) -> counts.put(reason, arns.size()));
    return Collections.unmodifiableMap(counts);
  }

  public int count(Reason reason) {
    return nodesByReason.getOrDefault(reason, List.of()).size();
  }

  /** Whether there was no node at all to reject. */
  public boolean noNodes() {
    return nodesByReason.isEmpty();
  }
}
