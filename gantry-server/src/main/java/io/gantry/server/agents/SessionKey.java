package io.gantry.server.agents;

import io.gantry.model.Scope;

/** Identifies the instance a session serves: scope, cluster name and container instance id. */
record SessionKey(Scope scope, String cluster, String instanceId) {

  /**
   * The session of the node a task record (key parts {@code p}) is placed on: its cluster's
   * instance, or for a FARGATE task the managed node its {@code managedInstanceArn} names (in
   * the operator's account, managed cluster). Null when the ARN cannot be read.
   */
  static SessionKey ofTask(String[] p, String containerInstanceId, String managedInstanceArn) {
    if (managedInstanceArn.isEmpty()) {
      return new SessionKey(new Scope(p[1], p[2]), p[4], containerInstanceId);
    }
    return io.gantry.model.Arn.parse(managedInstanceArn)
        .map(a -> new SessionKey(new Scope(a.accountId(), a.region()),
            io.gantry.server.placement.ManagedCapacity.CLUSTER,
            managedInstanceArn.substring(managedInstanceArn.lastIndexOf('/') + 1)))
        .orElse(null);
  }

  /** The session key of a task key {@code ecs/ACCOUNT/REGION/task/CLUSTER/ID}'s instance needs the task record; this parses the rest. */
  static java.util.Optional<String[]> parseTaskKey(String key) {
    String[] parts = key.split("/");
    if (parts.length != 6 || !parts[0].equals("ecs") || !parts[3].equals("task")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(parts);
  }

  /** The session a claim key ({@code ecs/ACCOUNT/REGION/agent-session/CLUSTER/ID}) names. */
  static java.util.Optional<SessionKey> ofClaimKey(String key) {
    String[] parts = key.split("/");
    if (parts.length != 6 || !parts[0].equals("ecs") || !parts[3].equals("agent-session")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new SessionKey(new Scope(parts[1], parts[2]), parts[4], parts[5]));
  }
}
