/** Capacity-provider operations: request and response records with the ECS wire names. */
package io.gantry.api.ecs.capacity;
