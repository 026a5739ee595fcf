package io.gantry.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What every live simulated agent has at one moment: agent name → (task ARN → the agent's known
 * status). Answers the questions failure scenarios ask: is any task running twice, is anything
 * running that should not be. Each agent is read atomically; agents are read one after another.
 * Immutable.
 */
public record Census(Map<String, Map<String, String>> byAgent) {
  public Census {
    Map<String, Map<String, String>> copy = new TreeMap<>();
    byAgent.forEach((agent, tasks) -> copy.put(agent, Map.copyOf(tasks)));
    byAgent = java.util.Collections.unmodifiableMap(copy);
  }

  /** The tasks of one agent (empty for an unknown or killed one). */
  public Map<String, String> tasksOn(String agent) {
    return byAgent.getOrDefault(agent, Map.of());
  }

  /** Task ARN → the agents that have it in a status other than STOPPED. */
  public Map<String, List<String>> live() {
    Map<String, List<String>> out = new TreeMap<>();
    byAgent.forEach((agent, tasks) -> tasks.forEach((arn, status) -> {
      if (!"STOPPED".equals(status)) {
        out.computeIfAbsent(arn, a -> new ArrayList<>()).add(agent);
      }
    }));
    return out;
  }

  /** Task ARNs that more than one agent has live: must always be empty. */
  public Map<String, List<String>> duplicates() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    live().forEach((arn, agents) -> {
      if (agents.size() > 1) {
        out.put(arn, agents);
      }
    });
    return out;
  }

  /** Live tasks not among {@code expected} (e.g. what DescribeTasks says runs): orphans. */
  public Map<String, List<String>> orphans(Set<String> expected) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    live().forEach((arn, agents) -> {
      if (!expected.contains(arn)) {
        out.put(arn, agents);
      }
    });
    return out;
  }

  /** How many tasks, over all agents, are in {@code status}. */
  public long count(String status) {
    return byAgent.values().stream().flatMap(t -> t.values().stream()).filter(status::equals).count();
  }

  /** The status of {@code taskArn} on each agent that has it. */
  public Map<String, String> where(String taskArn) {
    Map<String, String> out = new TreeMap<>();
    byAgent.forEach((agent, tasks) -> {
      String status = tasks.get(taskArn);
      if (status != null) {
        out.put(agent, status);
      }
    });
    return out;
  }
}
