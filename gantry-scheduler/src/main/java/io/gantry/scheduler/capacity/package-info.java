/**
 * Capacity-provider strategies: how many tasks of a request each provider gets, base first and
 * then by weight, as ECS splits them. Pure.
 */
package io.gantry.scheduler.capacity;
