/**
 * Simulated node agents: each registers a machine through the real ECS API, holds a real agent
 * session over WebSocket and runs scripted tasks (start delay, run_for with an exit code, start
 * error, unhealthy) without containers. Thousands share one HTTP client and one scheduler.
 */
package io.gantry.testkit.agent;
