/** Cluster operations: create, describe, list, update, capacity providers and delete. */
package io.gantry.server.clusters;
