package io.gantry.server.tasks;

import io.gantry.model.Failure;
import io.gantry.scheduler.Plan;
import io.gantry.scheduler.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code failures} of a RunTask whose tasks did not all fit, as ECS reports them: one entry
 * per container instance that was considered, with the reason it was turned down ({@code
 * RESOURCE:MEMORY}, {@code AGENT}, {@code MemberOf placement constraint unsatisfied.}, …), the
 * closest misses (resources) first. Instances that are not ACTIVE were never candidates and are
 * left out. At most {@link #MAX} entries; when more instances were turned down, the last entry's
 * {@code detail} counts them per reason. Pure.
 */
final class PlacementFailures {
  static final int MAX = 100;

  private PlacementFailures() {}

  static List<Failure> of(List<Plan.Unplaced> unplaced) {
    Map<String, Reason> byNode = new LinkedHashMap<>();
    for (Plan.Unplaced u : unplaced) {
      u.rejections().nodesByReason().forEach((reason, arns) -> {
        if (reason != Reason.NOT_ACTIVE) {
          arns.forEach(arn -> byNode.putIfAbsent(arn, reason));
        }
      });
    }
    List<Map.Entry<String, Reason>> entries = new ArrayList<>(byNode.entrySet());
    entries.sort(Comparator.comparing((Map.Entry<String, Reason> e) -> e.getValue().ordinal()).reversed());
    List<Failure> out = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX, entries.size()); i++) {
      out.add(new Failure(entries.get(i).getKey(), entries.get(i).getValue().ecsReason(), null));
    }
    if (entries.size() > MAX) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      entries.forEach(e -> counts.merge(e.getValue().ecsReason(), 1, Integer::sum));
      Failure last = out.remove(out.size() - 1);
      out.add(new Failure(last.arn(), last.reason(), entries.size() + " container instances turned the task down: "
          + counts));
    }
    return out;
  }
}
