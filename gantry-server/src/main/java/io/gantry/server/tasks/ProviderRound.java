package io.gantry.server.tasks;

import io.gantry.model.Arn;
import io.gantry.model.Failure;
import io.gantry.scheduler.Plan;
import io.gantry.scheduler.PlacementRequest;
import io.gantry.scheduler.Scheduler;
import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Demand;
import io.gantry.scheduler.cluster.Node;
import io.gantry.server.placement.Nodes;
import io.gantry.server.placement.TaskDemand;
import io.gantry.server.placement.TaskHold;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The planning round of a capacity-provider split's parts on container instances: each part is
 * planned on its provider's instances only (a snapshot of those nodes), less what earlier rounds
 * already placed there; a part's tasks that fit nowhere are failures, or wait for capacity when
 * its provider scales ({@code waits}, see {@link CapacityWait}).
 */
final class ProviderRound {
  private ProviderRound() {}

  static LaunchRound.Planner planner(LaunchSpec spec, List<CapacityPlacement.Part> ec2, Map<String, Boolean> waits,
      TaskDemand taskDemand, LaunchSpec.PlacementRules rules, RandomGenerator random) {
    Demand demand = Nodes.demand(taskDemand);
    return (ledger, accepted, remaining) -> {
      ClusterSnapshot all = ledger.snapshot();
      List<TaskHold> holds = new ArrayList<>();
      List<Failure> failures = new ArrayList<>();
      List<String> waiting = new ArrayList<>();
      for (CapacityPlacement.Part part : ec2) {
        String provider = part.target().capacityProviderName();
        boolean wait = waits.get(provider);
        long placed = accepted.stream()
            .filter(a -> provider.equals(a.instance().value().capacityProviderName())).count();
        int need = part.count() - (int) placed;
        if (need <= 0) {
          continue;
        }
        ClusterSnapshot snapshot = ClusterSnapshot.of(all.nodes().stream()
            .filter(n -> provider.equals(n.capacityProviderName())).toList());
        if (snapshot.nodes().stream().noneMatch(n -> Node.ACTIVE.equals(n.status()))) {
          if (wait) {
            waiting.addAll(Collections.nCopies(need, provider));
          } else {
            failures.add(new Failure(Arn.capacityProvider(spec.scope(), provider),
                TaskLauncher.NO_PROVIDER_INSTANCES, null));
          }
          continue;
        }
        Plan plan = Scheduler.place(snapshot, new PlacementRequest(demand, need, spec.group(), rules.strategies(),
            rules.constraints(), rules.required()), random);
        for (Plan.Placement p : plan.placements()) {
          holds.add(LaunchRound.hold(random, taskDemand, spec.group(), snapshot.byArn(p.nodeArn()).orElseThrow().id(),
              p.gpuIds()));
        }
        if (wait) {
          waiting.addAll(Collections.nCopies(need - plan.placements().size(), provider));
        } else {
          failures.addAll(LaunchPlacements.zoneFailures(PlacementFailures.of(plan.unplaced()), snapshot,
              spec.network()));
        }
      }
      return new LaunchRound(holds, failures, waiting);
    };
  }
}
