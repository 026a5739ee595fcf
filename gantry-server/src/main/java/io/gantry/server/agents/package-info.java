/**
 * The agent gateway: one WebSocket session per node agent, authenticated with SigV4; pushes each
 * instance's desired tasks (full on connect, then increments) and applies the state changes the
 * agents report.
 */
package io.gantry.server.agents;
