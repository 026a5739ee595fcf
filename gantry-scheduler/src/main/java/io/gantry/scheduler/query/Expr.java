package io.gantry.scheduler.query;

import io.gantry.scheduler.cluster.Node;
import java.util.List;

/** A node of a parsed cluster query: a Boolean combination of comparisons. Immutable. */
sealed interface Expr permits Expr.And, Expr.Or, Expr.Not, Comparison {

  boolean test(Node node);

  /** Whether the result depends on the node's task groups (which placements change). */
  boolean usesTaskGroup();

  /**
   * Whether the result depends on what runs on the node (task groups or the running-task count),
   * not only on its profile (status, agent, ids, registration time, attributes).
   */
  boolean readsLoad();

  /** All of {@code operands} hold (evaluated left to right, stopping at the first that does not). */
  record And(List<Expr> operands) implements Expr {
    public And {
      operands = List.copyOf(operands);
    }

    @Override
    public boolean test(Node node) {
      for (Expr e : operands) {
        if (!e.test(node)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean usesTaskGroup() {
      return operands.stream().anyMatch(Expr::usesTaskGroup);
    }

    @Override
    public boolean readsLoad() {
      return operands.stream().anyMatch(Expr::readsLoad);
    }
  }

  /** Any of {@code operands} holds. */
  record Or(List<Expr> operands) implements Expr {
    public Or {
      operands = List.copyOf(operands);
    }

    @Override
    public boolean test(Node node) {
      for (Expr e : operands) {
        if (e.test(node)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean usesTaskGroup() {
      return operands.stream().anyMatch(Expr::usesTaskGroup);
    }

    @Override
    public boolean readsLoad() {
      return operands.stream().anyMatch(Expr::readsLoad);
    }
  }

  /** {@code operand} does not hold. */
  record Not(Expr operand) implements Expr {
    @Override
    public boolean test(Node node) {
      return !operand.test(node);
    }

    @Override
    public boolean usesTaskGroup() {
      return operand.usesTaskGroup();
    }

    @Override
    public boolean readsLoad() {
      return operand.readsLoad();
    }
  }
}
