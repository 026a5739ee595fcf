package io.gantry.server.agents;

import io.gantry.model.Scope;

/** Identifies the instance a session serves: scope, cluster name and container instance id. */
record SessionKey(Scope scope, String cluster, String instanceId) {

  /** The session key of a task key {@code ecs/ACCOUNT/REGION/task/CLUSTER/ID}'s instance needs the task record; this parses the rest. */
  static java.util.Optional<String[]> parseTaskKey(String key) {
    String[] parts = key.split("/");
    if (parts.length != 6 || !parts[0].equals("ecs") || !parts[3].equals("task")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(parts);
  }
}
