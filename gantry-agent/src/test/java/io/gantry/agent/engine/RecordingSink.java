package io.gantry.agent.engine;

import io.gantry.api.agent.AgentMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link StateSink} that keeps every change, for assertions. Thread-safe. */
final class RecordingSink implements StateSink {
  private final List<AgentMessage.TaskStateChange> changes = new CopyOnWriteArrayList<>();

  @Override
  public void report(AgentMessage.TaskStateChange change) {
    changes.add(change);
  }

  List<AgentMessage.TaskStateChange> all() {
    return List.copyOf(changes);
  }

  List<AgentMessage.TaskStateChange> of(String taskArn) {
    return changes.stream().filter(c -> c.taskArn().equals(taskArn)).toList();
  }

  List<String> statuses(String taskArn) {
    return of(taskArn).stream().map(AgentMessage.TaskStateChange::lastStatus).toList();
  }

  AgentMessage.TaskStateChange last(String taskArn) {
    List<AgentMessage.TaskStateChange> mine = of(taskArn);
    return mine.isEmpty() ? null : mine.get(mine.size() - 1);
  }

  String lastStatus(String taskArn) {
    AgentMessage.TaskStateChange last = last(taskArn);
    return last == null ? null : last.lastStatus();
  }

  static AgentMessage.ContainerStateChange container(AgentMessage.TaskStateChange change, String name) {
    return change.containers().stream().filter(c -> c.containerName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name + " in " + change));
  }
}
