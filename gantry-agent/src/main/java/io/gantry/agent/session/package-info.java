/**
 * The agent's side of the control plane: signed ECS API calls (registration) and the long-lived
 * WebSocket session that receives desired tasks and carries state changes and heartbeats.
 */
package io.gantry.agent.session;
