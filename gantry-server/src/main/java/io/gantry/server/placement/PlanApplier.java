package io.gantry.server.placement;

import io.gantry.model.instance.ContainerInstance;
import io.gantry.scheduler.cluster.Node;
import io.gantry.server.state.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place placements become reservations. A plan is computed on a snapshot that may be
 * stale; {@link #reserve} re-checks every proposed task against its instance as the ledger has it
 * now (including what other plans reserved a moment ago) and, in the same locked step, reserves
 * what still fits as provisional holds. The caller commits the accepted tasks and calls {@link
 * #release} when the commit fails; the rejected ones it places again on a fresh snapshot. So
 * concurrent launches never book the same CPU, memory, host port or GPU twice. Thread-safe.
 */
public final class PlanApplier {

  /** Decides whether a task still fits its instance as the scheduler sees it now; the ECS reason when it does not. */
  @FunctionalInterface
  public interface FitCheck {
    Optional<String> refusal(Node current, TaskHold hold);
  }

  /**
   * What re-checking a plan found: the accepted tasks, reserved, each with the instance record it
   * was checked against (whose revision the commit is conditioned on) and its GPU ids assigned;
   * and the tasks that no longer fit, with the reason.
   */
  public record Outcome(List<Accepted> accepted, List<Rejected> rejected) {
    public Outcome {
      accepted = List.copyOf(accepted);
      rejected = List.copyOf(rejected);
    }
  }

  public record Accepted(TaskHold hold, Versioned<ContainerInstance> instance) {}

  public record Rejected(TaskHold hold, String reason) {}

  private PlanApplier() {}

  /** Re-checks and reserves {@code proposals}: what each task of a plan would hold on its instance. */
  public static Outcome reserve(ClusterLedger ledger, List<TaskHold> proposals, FitCheck fit) {
    return ledger.atomically(l -> {
      List<Accepted> accepted = new ArrayList<>();
      List<Rejected> rejected = new ArrayList<>();
      for (TaskHold hold : proposals) {
        Optional<Versioned<ContainerInstance>> instance = l.instance(hold.instanceId());
        if (instance.isEmpty()) {
          rejected.add(new Rejected(hold, "MISSING"));
          continue;
        }
        Node now = l.node(hold.instanceId()).orElseThrow();
        Optional<String> refusal = fit.refusal(now, hold);
        if (refusal.isPresent()) {
          rejected.add(new Rejected(hold, refusal.get()));
          continue;
        }
        TaskHold reserved = withGpus(hold, now);
        l.putHold(reserved);
        accepted.add(new Accepted(reserved, instance.get()));
      }
      return new Outcome(accepted, rejected);
    });
  }

  /** Gives back what {@link #reserve} reserved for tasks that were not committed after all. */
  public static void release(ClusterLedger ledger, List<Accepted> accepted) {
    ledger.atomically(l -> {
      for (Accepted a : accepted) {
        l.removeHold(a.hold().taskId());
      }
      return null;
    });
  }

  /** The hold with GPUs that are free now: the planned ones when they still are, else the first free ones. */
  private static TaskHold withGpus(TaskHold hold, Node now) {
    int wanted = hold.demand().gpus();
    if (wanted == 0 || (hold.gpuIds().size() == wanted && now.freeGpuIds().containsAll(hold.gpuIds()))) {
      return hold;
    }
    return new TaskHold(hold.taskId(), hold.instanceId(), hold.demand(), hold.group(), hold.running(),
        now.gpuIdsFor(Nodes.demand(hold.demand())));
  }
}
