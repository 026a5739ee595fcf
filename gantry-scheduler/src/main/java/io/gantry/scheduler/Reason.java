package io.gantry.scheduler;

/**
 * Why a node cannot take a task, with the reason string ECS puts in {@code failures[].reason}.
 * Declared in the order nodes are checked: a node is rejected for the first that applies.
 */
public enum Reason {
  /** The node is not ACTIVE (DRAINING, INACTIVE, REGISTERING, …); such nodes are never candidates. */
  NOT_ACTIVE("INACTIVE"),
  /** The node's agent is not connected. */
  AGENT("AGENT"),
  /** The node lacks an attribute the task definition requires. */
  ATTRIBUTE("ATTRIBUTE"),
  /** A memberOf constraint's expression does not hold on the node. */
  MEMBER_OF("MemberOf placement constraint unsatisfied."),
  /** The node already has a task of the group and distinctInstance forbids a second. */
  DISTINCT_INSTANCE("DistinctInstance placement constraint unsatisfied."),
  CPU("RESOURCE:CPU"),
  MEMORY("RESOURCE:MEMORY"),
  /** A static TCP host port of the task is in use on the node. */
  PORTS("RESOURCE:PORTS"),
  /** A static UDP host port of the task is in use on the node. */
  PORTS_UDP("RESOURCE:PORTS_UDP"),
  /** The node has fewer free GPUs than the task needs. */
  GPU("RESOURCE:GPU");

  private final String ecsReason;

  Reason(String ecsReason) {
    this.ecsReason = ecsReason;
  }

  /** The reason as ECS writes it in a {@code Failure}. */
  public String ecsReason() {
    return ecsReason;
  }
}
