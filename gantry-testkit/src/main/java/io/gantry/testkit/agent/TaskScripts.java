package io.gantry.testkit.agent;

import io.gantry.model.KeyValuePair;
import io.gantry.model.task.ContainerOverride;
import io.gantry.model.task.Task;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.TaskDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses each simulated container's {@link TaskScript}: the default, replaced by the script set
 * for the task definition's family, then changed by the container's docker labels, its
 * environment and finally the RunTask container override's environment (see
 * {@link TaskScript#KEYS}). Thread-safe: scripts may be set while agents read them.
 */
public final class TaskScripts {
  private final Map<String, TaskScript> byFamily = new ConcurrentHashMap<>();
  private volatile TaskScript fallback;

  public TaskScripts(TaskScript fallback) {
    this.fallback = fallback;
  }

  /** Scripts every container of tasks of {@code family} (environment and labels still refine it). */
  public void forFamily(String family, TaskScript script) {
    byFamily.put(family, script);
  }

  /** The script of containers that nothing else scripts. */
  public void byDefault(TaskScript script) {
    fallback = script;
  }

  /**
   * The script of container {@code def} of {@code task}. A malformed variable falls back to the
   * script without it and is reported as a start error, so the mistake shows in DescribeTasks.
   */
  public TaskScript scriptFor(Task task, TaskDefinition td, ContainerDefinition def) {
    TaskScript base = td == null ? fallback : byFamily.getOrDefault(td.family(), fallback);
    Map<String, String> vars = new HashMap<>();
    if (def.dockerLabels() != null) {
      vars.putAll(def.dockerLabels());
    }
    putAll(vars, def.environment());
    if (task.overrides() != null) {
      for (ContainerOverride o : task.overrides().containerOverrides()) {
        if (def.name().equals(o.name())) {
          putAll(vars, o.environment());
        }
      }
    }
    try {
      return base.overriddenBy(vars);
    } catch (IllegalArgumentException e) {
      return base.withStartError("bad simulation script: " + e.getMessage());
    }
  }

  private static void putAll(Map<String, String> vars, java.util.List<KeyValuePair> pairs) {
    if (pairs == null) {
      return;
    }
    for (KeyValuePair p : pairs) {
      if (p.name() != null && p.value() != null) {
        vars.put(p.name(), p.value());
      }
    }
  }
}
