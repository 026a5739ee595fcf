package io.gantry.server.agents;

import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.Scope;
import io.gantry.model.task.Task;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the gateway needs from the task side of the control plane. Thread-safe implementations. */
public interface AgentTasks {
  /** Every task an instance should know about now (running, or stopping but not yet reported stopped). */
  List<TaskAssignment> assignments(Scope scope, String cluster, String containerInstanceId);

  /** One task's assignment (for pushing a single change); empty when the task is gone or finished. */
  Optional<TaskAssignment> assignment(Scope scope, String cluster, String taskId);

  /** Stores what an agent reports about one of its tasks; empty when the report does not apply. */
  Optional<Task> apply(Scope scope, String cluster, String containerInstanceId, AgentMessage.TaskStateChange change,
      Instant now);
}
