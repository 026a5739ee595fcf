/**
 * Task networking for {@code awsvpc} tasks: Gantry-managed subnets (configured, and a default
 * per availability zone), the ECS {@code awsvpcConfiguration} rules, private IPv4 address leases
 * in the store, and the ENI attachment a task shows.
 */
package io.gantry.server.network;
