package io.gantry.agent.session;

import io.gantry.api.agent.AgentMessage;

/** Where the session delivers desired tasks: the agent's task engine. */
public interface DesiredTasksHandler {
  /** The highest sequence number applied so far (0 after a fresh start), sent in Hello. */
  long lastAppliedSeq();

  /** Called on the session's receive thread, in order. */
  void apply(AgentMessage.DesiredTasks desired);
}
