package io.gantry.api.ecs.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.api.ecs.task.PlacementConstraint;
import io.gantry.api.ecs.task.PlacementStrategy;
import io.gantry.model.Tag;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import java.util.List;

/**
 * The input of CreateService, every member of the ECS model in its order. The members Gantry
 * refuses when given (load balancers, service registries, Service Connect, volumes, VPC Lattice)
 * are kept as raw JSON.
 */
public record CreateServiceRequest(
    String availabilityZoneRebalancing,
    List<CapacityProviderStrategyItem> capacityProviderStrategy,
    String clientToken,
    String cluster,
    DeploymentConfiguration deploymentConfiguration,
    DeploymentController deploymentController,
    Integer desiredCount,
    Boolean enableECSManagedTags,
    Boolean enableExecuteCommand,
    Integer healthCheckGracePeriodSeconds,
    String launchType,
    List<JsonNode> loadBalancers,
    NetworkConfiguration networkConfiguration,
    List<PlacementConstraint> placementConstraints,
    List<PlacementStrategy> placementStrategy,
    String platformVersion,
    String propagateTags,
    String role,
    String schedulingStrategy,
    JsonNode serviceConnectConfiguration,
    String serviceName,
    List<JsonNode> serviceRegistries,
    List<Tag> tags,
    String taskDefinition,
    List<JsonNode> volumeConfigurations,
    List<JsonNode> vpcLatticeConfigurations) {

  /** This request without its client token: what a retry with the same token must repeat exactly. */
  public CreateServiceRequest withoutClientToken() {
    return new CreateServiceRequest(availabilityZoneRebalancing, capacityProviderStrategy, null, cluster,
        deploymentConfiguration, deploymentController, desiredCount, enableECSManagedTags, enableExecuteCommand,
        healthCheckGracePeriodSeconds, launchType, loadBalancers, networkConfiguration, placementConstraints,
        placementStrategy, platformVersion, propagateTags, role, schedulingStrategy, serviceConnectConfiguration,
        serviceName, serviceRegistries, tags, taskDefinition, volumeConfigurations, vpcLatticeConfigurations);
  }
}
