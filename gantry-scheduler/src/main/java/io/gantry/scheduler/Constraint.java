package io.gantry.scheduler;

import io.gantry.scheduler.query.Query;
import io.gantry.scheduler.query.QuerySyntaxException;

/**
 * One ECS task placement constraint. Unlike strategies, constraints bind: a node that breaks one
 * is no candidate. Constraints from the task definition and from the call are simply listed
 * together.
 */
public sealed interface Constraint permits Constraint.DistinctInstance, Constraint.MemberOf {

  /** The most constraints one task may carry, task definition and call combined. */
  int MAX = 10;

  /** The longest memberOf expression ECS accepts. */
  int MAX_EXPRESSION = 2000;

  /**
   * No two tasks of the request's group on one node, counting the group's tasks already there
   * and those placed earlier in the same plan.
   */
  record DistinctInstance() implements Constraint {
    @Override
    public String type() {
      return "distinctInstance";
    }
  }

  /** Only nodes for which {@code query} holds (re-evaluated as the plan adds tasks when it reads task:group). */
  record MemberOf(Query query) implements Constraint {
    @Override
    public String type() {
      return "memberOf";
    }

    public String expression() {
      return query.source();
    }
  }

  /** The ECS wire type: {@code distinctInstance} or {@code memberOf}. */
  String type();

  /**
   * Parses the ECS wire form ({@code PlacementConstraint} type and expression), parsing the
   * expression once.
   *
   * @throws PlacementInputException with the ECS message when the pair is not valid
   */
  static Constraint parse(String type, String expression) {
    if (type == null || type.isBlank()) {
      throw new PlacementInputException("Placement constraints must have a type.");
    }
    switch (type) {
      case "distinctInstance":
        if (expression != null && !expression.isEmpty()) {
          throw new PlacementInputException("A distinctInstance placement constraint cannot have an expression.");
        }
        return new DistinctInstance();
      case "memberOf":
        if (expression == null || expression.isBlank()) {
          throw new PlacementInputException("A memberOf placement constraint must have an expression.");
        }
        if (expression.length() > MAX_EXPRESSION) {
          throw new PlacementInputException("Placement constraint expressions can be at most " + MAX_EXPRESSION
              + " characters.");
        }
        try {
          return new MemberOf(Query.parse(expression));
        } catch (QuerySyntaxException e) {
          throw new PlacementInputException(e.getMessage(), e);
        }
      default:
        throw new PlacementInputException("Invalid placement constraint type: " + type
            + ". Valid values are distinctInstance and memberOf.");
    }
  }
}
