package io.gantry.server.tasks;

import io.gantry.model.instance.ContainerInstance;
import io.gantry.scheduler.Fit;
import io.gantry.scheduler.RequiredAttribute;
import io.gantry.scheduler.cluster.Node;
import io.gantry.server.placement.ClusterLedger;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.placement.PlanApplier;
import io.gantry.server.placement.TaskDemand;
import io.gantry.server.placement.TaskHold;
import io.gantry.server.state.Versioned;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Makes room for regular FARGATE tasks that fit on no managed node as it is: on a node where
 * interrupting FARGATE_SPOT tasks would free enough CPU and memory, chooses the fewest Spot tasks
 * (largest first) and reserves the regular task there at once, over the Spot tasks' holds, which
 * stay until those tasks have stopped. The regular task then waits (PROVISIONING, not sent to
 * its agent) for its victims to stop. Nodes needing the fewest victims win; ties go to the node
 * with the most room left. Runs under the managed ledger's lock, so two launches never take the
 * same room; two launches choosing the same victim are told apart by the commit, which is
 * conditioned on each victim's revision. Thread-safe; no I/O.
 */
final class SpotPreemption {
  private SpotPreemption() {}

  /** One regular task reserved over Spot tasks: its hold, its node's record, and the store keys of the Spot tasks to interrupt. */
  record Preempted(PlanApplier.Accepted accepted, List<String> victimKeys) {}

  /**
   * Reserves up to {@code count} tasks of {@code demand} by interrupting Spot tasks; the holds get
   * ids from {@code newHold}. Fewer (maybe none) when Spot tasks cannot make enough room.
   */
  static List<Preempted> reserve(ClusterLedger ledger, PlacementState placement, TaskDemand demand,
      List<RequiredAttribute> required, int count, Supplier<TaskHold> newHold) {
    return ledger.atomically(l -> {
      List<Preempted> out = new ArrayList<>();
      Set<String> taken = new HashSet<>();
      for (int i = 0; i < count; i++) {
        Optional<Choice> best = Optional.empty();
        for (Versioned<ContainerInstance> instance : l.instances()) {
          Node node = l.node(instance.value().id()).orElseThrow();
          if (!Node.ACTIVE.equals(node.status()) || !node.agentConnected()
              || Fit.attributes(node, required).isPresent()) {
            continue;
          }
          Optional<Choice> choice = choose(l, placement, node, instance, demand, taken);
          if (choice.isPresent() && (best.isEmpty() || choice.get().better(best.get()))) {
            best = choice;
          }
        }
        if (best.isEmpty()) {
          break;
        }
        Choice c = best.get();
        TaskHold proposed = newHold.get();
        TaskHold hold = new TaskHold(proposed.taskId(), c.instance().value().id(), proposed.demand(), proposed.group(),
            false, List.of());
        l.putHold(hold);
        c.victims().forEach(v -> taken.add(v.taskId()));
        out.add(new Preempted(new PlanApplier.Accepted(hold, c.instance()),
            c.victims().stream().map(v -> placement.preemptibleKey(v.taskId()).orElseThrow()).toList()));
      }
      return out;
    });
  }

  private record Choice(Versioned<ContainerInstance> instance, List<TaskHold> victims, long cpuLeft, long memoryLeft) {
    boolean better(Choice other) {
      if (victims.size() != other.victims.size()) {
        return victims.size() < other.victims.size();
      }
      return cpuLeft + memoryLeft > other.cpuLeft + other.memoryLeft;
    }
  }

  private static Optional<Choice> choose(ClusterLedger l, PlacementState placement, Node node,
      Versioned<ContainerInstance> instance, TaskDemand demand, Set<String> taken) {
    List<TaskHold> spot = new ArrayList<>();
    for (String id : l.taskIds(node.id())) {
      if (!taken.contains(id) && placement.preemptibleKey(id).isPresent()) {
        l.hold(id).ifPresent(spot::add);
      }
    }
    spot.sort(Comparator.comparingLong((TaskHold h) -> h.demand().memory() + h.demand().cpu()).reversed()
        .thenComparing(TaskHold::taskId));
    long cpu = node.cpu();
    long memory = node.memory();
    List<TaskHold> victims = new ArrayList<>();
    for (TaskHold h : spot) {
      if (cpu >= demand.cpu() && memory >= demand.memory()) {
        break;
      }
      victims.add(h);
      cpu += h.demand().cpu();
      memory += h.demand().memory();
    }
    if (victims.isEmpty() || cpu < demand.cpu() || memory < demand.memory()) {
      return Optional.empty();
    }
    return Optional.of(new Choice(instance, victims, cpu - demand.cpu(), memory - demand.memory()));
  }
}
