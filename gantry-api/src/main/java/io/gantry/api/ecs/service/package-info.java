/**
 * The ECS service shapes ({@code Service}, {@code Deployment}, {@code DeploymentConfiguration},
 * {@code ServiceEvent}) and the inputs and outputs of the service operations, under their wire
 * names. They live here rather than in gantry-model because they carry the placement and network
 * records of this module.
 */
package io.gantry.api.ecs.service;
