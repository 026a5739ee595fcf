/**
 * The task definition operations: registration with per-family revision numbers that are never
 * reused, lookup by family, {@code family:revision} or ARN, listing, deregistration and deletion.
 * State lives in the store only; every call reads it afresh.
 */
package io.gantry.server.taskdefs;
