package io.gantry.scheduler.query;

import io.gantry.scheduler.cluster.Node;
import java.time.Instant;
import java.util.List;

/**
 * One {@code subject operator [argument]} comparison. A positive operator holds when some value of
 * the subject satisfies it (an absent value satisfies none); a negative operator holds exactly
 * when its positive counterpart does not.
 */
record Comparison(Subject subject, Operator operator, List<Argument> arguments) implements Expr {

  Comparison {
    arguments = List.copyOf(arguments);
  }

  @Override
  public boolean test(Node node) {
    boolean positive = holds(node, operator.positive());
    return operator.negative() != positive;
  }

  @Override
  public boolean usesTaskGroup() {
    return subject == Subject.Field.TASK_GROUP;
  }

  @Override
  public boolean readsLoad() {
    return subject == Subject.Field.TASK_GROUP || subject == Subject.Field.RUNNING_TASKS_COUNT;
  }

  private boolean holds(Node node, Operator op) {
    switch (subject.type()) {
      case DATE: {
        Instant at = node.registeredAt();
        return at != null && ordered(op, at.compareTo(arguments.get(0).date()));
      }
      case NUMBER:
        return ordered(op, Long.compare(node.runningTasksCount(), arguments.get(0).number()));
      default:
        break;
    }
    List<String> values = subject.values(node);
    if (op == Operator.EXISTS) {
      return !values.isEmpty();
    }
    for (String value : values) {
      if (holdsFor(value, op)) {
        return true;
      }
    }
    return false;
  }

  private boolean holdsFor(String value, Operator op) {
    switch (op) {
      case IN:
        for (Argument a : arguments) {
          if (a.equalsText(value)) {
            return true;
          }
        }
        return false;
      case MATCHES:
        return arguments.get(0).matchesRegex(value);
      case EQUALS:
        if (subject.type() == Subject.ValueType.VERSION) {
          return Values.compareVersions(value, arguments.get(0).text()) == 0;
        }
        return arguments.get(0).equalsText(value);
      default: {
        String arg = arguments.get(0).text();
        int c = subject.type() == Subject.ValueType.VERSION ? Values.compareVersions(value, arg)
            : Values.compareText(value, arg);
        return ordered(op, c);
      }
    }
  }

  private static boolean ordered(Operator op, int c) {
    return switch (op) {
      case EQUALS -> c == 0;
      case GREATER_THAN -> c > 0;
      case GREATER_THAN_EQUAL -> c >= 0;
      case LESS_THAN -> c < 0;
      case LESS_THAN_EQUAL -> c <= 0;
      default -> throw new IllegalStateException("not an ordering operator: " + op);
    };
  }
}
