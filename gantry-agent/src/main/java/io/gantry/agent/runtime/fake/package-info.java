/**
 * A scripted, in-memory container runtime for simulation and engine tests: containers start,
 * run, exit, turn healthy or fail as a script says, on a clock the test drives.
 */
package io.gantry.agent.runtime.fake;
