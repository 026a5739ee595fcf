package io.gantry.agent.engine;

import io.gantry.api.agent.AgentMessage;

/**
 * Where the engine sends what it knows about a task. Ids increase for the life of the engine's
 * state directory; the session client sends and resends each change until it is acknowledged.
 * Called on the engine thread, so implementations must return quickly (queue, do not send).
 */
@FunctionalInterface
public interface StateSink {
  void report(AgentMessage.TaskStateChange change);
}
