package io.gantry.api.agent;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.gantry.model.task.NetworkBinding;
import java.time.Instant;
import java.util.List;

/**
 * The messages an agent and the control plane exchange on a session, one JSON text frame each,
 * told apart by their {@code type} member. Immutable values.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = AgentMessage.Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = AgentMessage.Heartbeat.class, name = "heartbeat"),
  @JsonSubTypes.Type(value = AgentMessage.TaskStateChange.class, name = "taskStateChange"),
  @JsonSubTypes.Type(value = AgentMessage.Welcome.class, name = "welcome"),
  @JsonSubTypes.Type(value = AgentMessage.DesiredTasks.class, name = "desiredTasks"),
  @JsonSubTypes.Type(value = AgentMessage.Ack.class, name = "ack"),
  @JsonSubTypes.Type(value = AgentMessage.Rejected.class, name = "rejected")
})
public sealed interface AgentMessage {

  // ---- agent → control plane ----

  /**
   * The first message of a session: which registered instance this agent is, and the highest
   * desired-tasks sequence number it has applied (0 after a fresh start).
   */
  record Hello(String cluster, String containerInstanceArn, String agentVersion, long lastAppliedSeq)
      implements AgentMessage {}

  /** Sent every few seconds; the control plane marks the instance disconnected when they stop. */
  record Heartbeat(Instant sentAt) implements AgentMessage {}

  /**
   * What the agent knows about one task now (the meaning of SubmitTaskStateChange and
   * SubmitContainerStateChange together). {@code id} lets the control plane acknowledge it; the
   * agent resends unacknowledged changes after a reconnect.
   */
  record TaskStateChange(
      long id,
      String taskArn,
      String lastStatus,
      String reason,
      String stopCode,
      Instant pullStartedAt,
      Instant pullStoppedAt,
      Instant startedAt,
      Instant executionStoppedAt,
      List<ContainerStateChange> containers) implements AgentMessage {
    public TaskStateChange {
      containers = containers == null ? List.of() : List.copyOf(containers);
    }
  }

  /** One container's state inside a {@link TaskStateChange}. */
  record ContainerStateChange(
      String containerName,
      String runtimeId,
      String lastStatus,
      Integer exitCode,
      String reason,
      String healthStatus,
      List<NetworkBinding> networkBindings) {
    public ContainerStateChange {
      networkBindings = networkBindings == null ? List.of() : List.copyOf(networkBindings);
    }
  }

  // ---- control plane → agent ----

  /** The answer to a valid {@link Hello}: the heartbeat interval the agent must keep. */
  record Welcome(String containerInstanceArn, int heartbeatSeconds) implements AgentMessage {}

  /**
   * Tasks the control plane wants on this instance. With {@code full} it is the whole set (sent
   * on every connect): a task the agent runs that is not in it must be stopped. Otherwise it
   * carries only the tasks that changed since the previous sequence number. {@code seq} is the
   * store revision of the change (several tasks changed by one transaction share it); the agent
   * ignores a message whose {@code seq} is below the last one it applied.
   */
  record DesiredTasks(long seq, boolean full, List<TaskAssignment> tasks) implements AgentMessage {
    public DesiredTasks {
      tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
  }

  /** Acknowledges the {@link TaskStateChange} with this id: it is stored. */
  record Ack(long id) implements AgentMessage {}

  /** The session is refused or ended (unknown instance, deregistered, wrong cluster). */
  record Rejected(String reason) implements AgentMessage {}
}
