package io.gantry.agent.engine;

import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerRuntime;
import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.ContainerSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds every container Gantry created on this runtime (those with a task-ARN label) and inspects
 * it, grouped by task ARN: what the engine adopts after a restart. Blocking.
 */
final class RuntimeScan {
  private RuntimeScan() {}

  static Map<String, List<ContainerState>> byTask(ContainerRuntime runtime) {
    Map<String, List<ContainerState>> found = new LinkedHashMap<>();
    for (ContainerSummary s : runtime.list(Map.of())) {
      String arn = s.labels().get(ContainerLabels.TASK_ARN);
      if (arn == null || s.labels().get(ContainerLabels.CONTAINER_NAME) == null) {
        continue;
      }
      Optional<ContainerState> state = runtime.inspect(s.runtimeId());
      state.ifPresent(st -> found.computeIfAbsent(arn, k -> new ArrayList<>()).add(withLabels(st, s)));
    }
    return found;
  }

  /** Inspect may not repeat the labels; the list call has them. */
  private static ContainerState withLabels(ContainerState st, ContainerSummary s) {
    if (st.labels().containsKey(ContainerLabels.CONTAINER_NAME)) {
      return st;
    }
    return new ContainerState(st.runtimeId(), st.name() == null ? s.name() : st.name(), st.image(),
        st.status(), st.exitCode(), st.health(), st.startedAt(), st.finishedAt(), st.networkBindings(),
        st.oomKilled(), st.error(), s.labels());
  }
}
