package io.gantry.testkit.agent;

/** Where a simulated agent's session with the control plane stands. */
public enum LinkState {
  /** Not connected; reconnecting with back-off. */
  DOWN,
  /** Dialling, or said hello and waiting for the welcome. */
  CONNECTING,
  /** Welcomed: heartbeating, receiving desired tasks, reporting. */
  CONNECTED,
  /** Dropped on purpose ({@link SimulatedAgent#disconnect()}); stays down until reconnected. */
  DISCONNECTED,
  /** Silent on purpose ({@link SimulatedAgent#partition()}): no heartbeats, nothing sent or read. */
  PARTITIONED,
  /** Gone with its tasks ({@link SimulatedAgent#kill()}). */
  KILLED,
  /** Closed with the simulation. */
  CLOSED
}
