package io.gantry.server.capacity;

import io.gantry.model.capacity.ManagedScaling;
import java.util.ArrayList;
import java.util.List;

/**
 * ECS's CapacityProviderReservation metric for one capacity provider in one cluster, and what
 * managed scaling does about it. {@code N} is the provider's instances, {@code M} the instances
 * needed for its tasks: those already running a task, plus the instances the provisioning tasks
 * (tasks its services want but could not place) need at the density the busy instances show.
 * The metric is {@code M / N × 100}; with no instances it is 100 when nothing is wanted and 200
 * (scale out) when something is. Pure.
 */
public final class ReservationMetric {
  private ReservationMetric() {}

  /** One instance of the provider: its ARN and how many tasks (not stopped) it holds. */
  public record Instance(String arn, int tasks) {}

  /** What the controller does: nothing, or call the hook. */
  public record Decision(int metric, int needed, int instances, String action, int desired, List<String> candidates) {
    public static final String SCALE_OUT = "scale-out";
    public static final String SCALE_IN = "scale-in";

    public boolean acts() {
      return action != null;
    }
  }

  /** The metric: {@code M / N × 100}, 100 for {@code N = M = 0}, 200 for {@code N = 0 < M}. */
  public static int metric(int needed, int instances) {
    if (instances == 0) {
      return needed == 0 ? 100 : 200;
    }
    return (int) Math.ceil(needed * 100.0 / instances);
  }

  /** M: busy instances, plus what {@code provisioning} tasks need at the busy instances' task density (at least 1). */
  public static int needed(List<Instance> instances, int provisioning) {
    int busy = 0;
    int tasks = 0;
    for (Instance i : instances) {
      if (i.tasks() > 0) {
        busy++;
        tasks += i.tasks();
      }
    }
    int perInstance = busy == 0 ? 1 : Math.max(1, tasks / busy);
    return busy + (provisioning + perInstance - 1) / perInstance;
  }

  /**
   * The decision for a provider with {@code scaling}: when the metric is above the target, scale
   * out to {@code ceil(M × 100 / target)} instances, adding between the minimum and maximum step;
   * when below, scale in towards that number by at most the maximum step, offering idle instances
   * (and, without termination protection, busy ones after them) as candidates.
   */
  public static Decision decide(List<Instance> instances, int provisioning, ManagedScaling scaling,
      boolean terminationProtection) {
    int n = instances.size();
    int m = needed(instances, provisioning);
    int metric = metric(m, n);
    int target = scaling.targetCapacity();
    int desired = (int) Math.ceil(m * 100.0 / target);
    if (metric > target) {
      int step = Math.max(scaling.minimumScalingStepSize(), Math.min(scaling.maximumScalingStepSize(), desired - n));
      return new Decision(metric, m, n, Decision.SCALE_OUT, n + step, List.of());
    }
    if (metric < target && desired < n) {
      List<String> candidates = new ArrayList<>();
      instances.stream().filter(i -> i.tasks() == 0).map(Instance::arn).forEach(candidates::add);
      if (!terminationProtection) {
        instances.stream().filter(i -> i.tasks() > 0).map(Instance::arn).forEach(candidates::add);
      }
      int remove = Math.min(Math.min(n - desired, scaling.maximumScalingStepSize()), candidates.size());
      if (remove > 0) {
        return new Decision(metric, m, n, Decision.SCALE_IN, n - remove, List.copyOf(candidates.subList(0, remove)));
      }
    }
    return new Decision(metric, m, n, null, n, List.of());
  }
}
