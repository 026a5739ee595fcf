/**
 * The agent session protocol: JSON messages over one WebSocket per node agent. The agent dials
 * out to {@code /agent/v1/session} (SigV4-presigned upgrade request, service {@code ecs}), says
 * {@link io.gantry.api.agent.AgentMessage.Hello}, and receives the full desired set of tasks for
 * its instance, then increments with increasing sequence numbers. It reports task and container
 * state changes and heartbeats on the same session. See docs/PROTOCOL.md.
 */
package io.gantry.api.agent;
