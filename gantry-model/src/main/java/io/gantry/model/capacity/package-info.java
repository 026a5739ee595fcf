/** Capacity providers: the ECS {@code CapacityProvider} shape and its Auto Scaling group settings. */
package io.gantry.model.capacity;
