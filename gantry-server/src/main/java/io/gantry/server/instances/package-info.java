/**
 * Container instance operations: register (and re-register), describe, list, deregister and
 * drain, and resolving the references requests use for instances.
 */
package io.gantry.server.instances;
