package io.gantry.scheduler;

import io.gantry.scheduler.cluster.Demand;
import java.util.List;
import java.util.Objects;

/**
 * What to place: {@code count} tasks that each take {@code demand}, belonging to task {@code
 * group} ({@code family:NAME} for standalone tasks, {@code service:NAME} for a service; may be
 * null), placed by {@code strategies} in order (as given: pick a default with {@link
 * Strategy#orDefault}; an empty list means random), limited by {@code constraints} and by the
 * task definition's {@code requiredAttributes}. Immutable; validated as ECS validates.
 */
public record PlacementRequest(Demand demand, int count, String group, List<Strategy> strategies,
    List<Constraint> constraints, List<RequiredAttribute> requiredAttributes) {

  public PlacementRequest {
    Objects.requireNonNull(demand, "demand");
    if (count < 1) {
      throw new PlacementInputException("The task count must be at least 1.");
    }
    strategies = List.copyOf(strategies);
    constraints = List.copyOf(constraints);
    requiredAttributes = List.copyOf(requiredAttributes);
    if (strategies.size() > Strategy.MAX) {
      throw new PlacementInputException("A task can have at most " + Strategy.MAX + " placement strategies.");
    }
    if (constraints.size() > Constraint.MAX) {
      throw new PlacementInputException("A task can have at most " + Constraint.MAX + " placement constraints.");
    }
  }

  /** A request with no constraints or required attributes. */
  public static PlacementRequest of(Demand demand, int count, String group, List<Strategy> strategies) {
    return new PlacementRequest(demand, count, group, strategies, List.of(), List.of());
  }

  public PlacementRequest withConstraints(List<Constraint> more) {
    return new PlacementRequest(demand, count, group, strategies, more, requiredAttributes);
  }

  public PlacementRequest withRequiredAttributes(List<RequiredAttribute> required) {
    return new PlacementRequest(demand, count, group, strategies, constraints, required);
  }

  public boolean distinctInstance() {
    return constraints.stream().anyMatch(c -> c instanceof Constraint.DistinctInstance);
  }
}
