/**
 * The agent's task engine: one owner per task turning the control plane's desired tasks into
 * containers on the {@link io.gantry.agent.runtime.ContainerRuntime}, with ECS lifecycle rules,
 * local state for restarts without duplicates, and the state changes the session reports.
 */
package io.gantry.agent.engine;
