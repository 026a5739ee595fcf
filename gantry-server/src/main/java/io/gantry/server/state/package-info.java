/**
 * Typed access to the store: where each resource lives in the key space, JSON encoding of the
 * stored records, and compare-and-set update loops.
 */
package io.gantry.server.state;
