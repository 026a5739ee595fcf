/**
 * Capacity providers: their API (create, describe, update, delete), the rules ECS applies to
 * them, how clusters, launches and services find them, and managed scaling (the reservation
 * metric and the capacity hook).
 */
package io.gantry.server.capacity;
