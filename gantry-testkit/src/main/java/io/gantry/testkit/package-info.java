/**
 * Simulation for tests and benchmarks: {@link io.gantry.testkit.SimulatedCluster} runs the real
 * control plane with many simulated node agents, and {@link io.gantry.testkit.Census} checks what
 * they run.
 */
package io.gantry.testkit;
