/** The control plane process: wiring, configuration and lifecycle of the server. */
package io.gantry.server;
