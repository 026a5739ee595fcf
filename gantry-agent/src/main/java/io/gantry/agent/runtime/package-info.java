/**
 * The agent's container runtime: the {@link io.gantry.agent.runtime.ContainerRuntime} contract the
 * task engine drives, the values it speaks in, and the pure translation of ECS container
 * definitions into {@link io.gantry.agent.runtime.ContainerSpec}s. Implementations live in
 * {@code docker} (the Docker Engine) and {@code fake} (scripted, for simulation and tests).
 */
package io.gantry.agent.runtime;
