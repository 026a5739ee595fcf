package io.gantry.server.tasks;

import io.gantry.model.Failure;
import io.gantry.server.placement.ClusterLedger;
import io.gantry.server.placement.PlanApplier;
import io.gantry.server.placement.TaskDemand;
import io.gantry.server.placement.TaskHold;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One planning round of a launch ({@link TaskLauncher}): the tasks proposed (as the holds they
 * would take), the failures of those that fit nowhere, and the providers of those that wait for
 * capacity instead ({@link CapacityWait}).
 */
record LaunchRound(List<TaskHold> proposals, List<Failure> failures, List<String> waiting) {
  LaunchRound(List<TaskHold> proposals, List<Failure> failures) {
    this(proposals, failures, List.of());
  }

  /** Plans {@code remaining} more tasks on the ledger as it is now, {@code accepted} being reserved already. */
  interface Planner {
    LaunchRound plan(ClusterLedger ledger, List<PlanApplier.Accepted> accepted, int remaining);
  }

  /** The hold a new task would take on {@code instanceId}, with a fresh task id. */
  static TaskHold hold(RandomGenerator random, TaskDemand demand, String group, String instanceId,
      List<String> gpuIds) {
    return new TaskHold(TaskIds.newId(random), instanceId, demand, group, false, gpuIds);
  }
}
