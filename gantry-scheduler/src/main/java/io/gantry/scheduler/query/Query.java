package io.gantry.scheduler.query;

import io.gantry.scheduler.cluster.Node;

/**
 * A cluster query language expression parsed once into a syntax tree, ready to be evaluated
 * against many nodes. Used for {@code memberOf} placement constraints and the {@code
 * ListContainerInstances} filter. Immutable and thread-safe.
 *
 * <p>Subjects: {@code attribute:NAME}, {@code agentConnected}, {@code agentVersion}, {@code
 * ec2InstanceId}, {@code registeredAt}, {@code runningTasksCount}, {@code task:group}. Operators
 * in symbol or word form: {@code ==}, {@code !=}, {@code >}, {@code >=}, {@code <}, {@code <=},
 * {@code exists}, {@code !exists}, {@code in}, {@code !in} (with a list {@code [a, b]} or one
 * value), {@code =~} and {@code !~} (a Java regular expression matching the whole value). A bare
 * value with {@code *} in an equality or list matches any run of characters there; a quoted
 * value is always literal.
 */
public final class Query {
  private final String source;
  private final Expr root;
  private final boolean usesTaskGroup;
  private final boolean readsLoad;

  private Query(String source, Expr root) {
    this.source = source;
    this.root = root;
    this.usesTaskGroup = root.usesTaskGroup();
    this.readsLoad = root.readsLoad();
  }

  /**
   * Parses {@code expression}.
   *
   * @throws QuerySyntaxException when it does not parse; the message gives position and expectation
   */
  public static Query parse(String expression) {
    if (expression == null) {
      throw new QuerySyntaxException(1, "the expression is missing");
    }
    return new Query(expression, Parser.parse(expression));
  }

  /** Parses {@code expression} and evaluates it against {@code node} (convenience for one-off filters). */
  public static boolean matches(String expression, Node node) {
    return parse(expression).test(node);
  }

  /** Whether {@code node} satisfies the expression. */
  public boolean test(Node node) {
    return root.test(node);
  }

  /** Whether the expression reads {@code task:group}, so placing tasks can change its result on a node. */
  public boolean usesTaskGroup() {
    return usesTaskGroup;
  }

  /**
   * Whether the result depends on what runs on a node ({@code task:group}, {@code
   * runningTasksCount}); when it does not, it depends only on the node's profile and a result
   * may be reused for as long as the profile stays the same.
   */
  public boolean readsLoad() {
    return readsLoad;
  }

  /** The expression as written. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }
}
