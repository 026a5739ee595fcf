package io.gantry.server.tasks;

import io.gantry.model.Failure;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.server.placement.TaskDemand;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The simple placement of this stage (the scheduler replaces it): each task goes to the first
 * instance, in the given order, whose agent is connected and whose remaining resources hold it;
 * what each placed task takes is subtracted before the next one is placed. A task that fits
 * nowhere becomes a failure naming the closest instance and why it was refused ({@code AGENT},
 * then {@code RESOURCE:CPU}, {@code RESOURCE:MEMORY}, {@code RESOURCE:PORTS}, {@code
 * RESOURCE:PORTS_UDP}, the later reason being the closer miss). Pure: the input list is not
 * changed.
 */
final class FirstFit {
  static final String AGENT = "AGENT";
  static final String DISTINCT_INSTANCE = "DistinctInstance placement constraint unsatisfied.";
  private static final List<String> ORDER = List.of(AGENT, DISTINCT_INSTANCE, "RESOURCE:CPU", "RESOURCE:MEMORY",
      "RESOURCE:PORTS", "RESOURCE:PORTS_UDP");

  /**
   * Where the tasks went: for each placed task the index of its instance, the failures of the
   * others, and the instances as they are with the placed tasks reserved.
   */
  record Plan(List<String> placements, List<Failure> failures, List<ContainerInstance> after) {
    Plan {
      placements = List.copyOf(placements);
      failures = List.copyOf(failures);
      after = List.copyOf(after);
    }
  }

  private FirstFit() {}

  /**
   * Places {@code count} tasks that each take {@code demand} on {@code instances} (the candidates,
   * in order). With {@code distinctInstance} no two of them share an instance.
   */
  static Plan place(List<ContainerInstance> instances, TaskDemand demand, int count, boolean distinctInstance,
      List<String> placedOn) {
    List<ContainerInstance> work = new ArrayList<>(instances);
    List<String> placements = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    Set<String> used = new HashSet<>(placedOn);
    for (int t = 0; t < count; t++) {
      int closest = -1;
      String closestReason = null;
      boolean placed = false;
      for (int i = 0; i < work.size(); i++) {
        Optional<String> refusal = refusal(work.get(i), demand, distinctInstance && used.contains(work.get(i).id()));
        if (refusal.isEmpty()) {
          work.set(i, InstanceCapacity.reserve(work.get(i), demand));
          placements.add(work.get(i).id());
          used.add(work.get(i).id());
          placed = true;
          break;
        }
        if (closest < 0 || ORDER.indexOf(refusal.get()) > ORDER.indexOf(closestReason)) {
          closest = i;
          closestReason = refusal.get();
        }
      }
      if (!placed && closest >= 0) {
        failures.add(new Failure(work.get(closest).containerInstanceArn(), closestReason, null));
      }
    }
    return new Plan(placements, failures, work);
  }

  /** Places one task that takes {@code demand} on each of {@code instances} (StartTask); an instance named twice gets two. */
  static Plan onEach(List<ContainerInstance> instances, TaskDemand demand) {
    List<ContainerInstance> work = new ArrayList<>(instances);
    List<String> placements = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < work.size(); i++) {
      int slot = firstIndexOfSame(work, i);
      Optional<String> refusal = refusal(work.get(slot), demand, false);
      if (refusal.isPresent()) {
        failures.add(new Failure(work.get(slot).containerInstanceArn(), refusal.get(), null));
      } else {
        ContainerInstance reserved = InstanceCapacity.reserve(work.get(slot), demand);
        for (int j = 0; j < work.size(); j++) {
          if (work.get(j).containerInstanceArn().equals(reserved.containerInstanceArn())) {
            work.set(j, reserved);
          }
        }
        placements.add(reserved.id());
      }
    }
    return new Plan(placements, failures, work);
  }

  static Optional<String> refusal(ContainerInstance instance, TaskDemand demand, boolean alreadyUsed) {
    if (!Boolean.TRUE.equals(instance.agentConnected())) {
      return Optional.of(AGENT);
    }
    if (alreadyUsed) {
      return Optional.of(DISTINCT_INSTANCE);
    }
    return InstanceCapacity.shortfall(instance, demand);
  }

  private static int firstIndexOfSame(List<ContainerInstance> work, int i) {
    String arn = work.get(i).containerInstanceArn();
    for (int j = 0; j < i; j++) {
      if (work.get(j).containerInstanceArn().equals(arn)) {
        return j;
      }
    }
    return i;
  }
}
