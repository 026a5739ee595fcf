/**
 * The ECS service deployment and service revision shapes ({@code ServiceDeployment},
 * {@code ServiceDeploymentBrief}, {@code ServiceRevision} and their parts) and the inputs and
 * outputs of ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions and
 * StopServiceDeployment, under their wire names.
 */
package io.gantry.api.ecs.deployment;
