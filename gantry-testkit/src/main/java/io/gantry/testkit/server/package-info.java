/** The real control plane run in-process for tests and simulations: ephemeral port, store in a temp dir. */
package io.gantry.testkit.server;
