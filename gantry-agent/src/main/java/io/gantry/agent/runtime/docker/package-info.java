/**
 * The container runtime on the Docker Engine API, through docker-java with its zerodep transport:
 * mapping specs to create requests, inspect results to states, and the engine's event stream to
 * runtime events.
 */
package io.gantry.agent.runtime.docker;
