package io.gantry.api.ecs.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.api.ecs.task.PlacementConstraint;
import io.gantry.api.ecs.task.PlacementStrategy;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import java.util.List;

/** The input of UpdateService, every member of the ECS model in its order; absent members keep their value. */
public record UpdateServiceRequest(
    String availabilityZoneRebalancing,
    List<CapacityProviderStrategyItem> capacityProviderStrategy,
    String cluster,
    DeploymentConfiguration deploymentConfiguration,
    DeploymentController deploymentController,
    Integer desiredCount,
    Boolean enableECSManagedTags,
    Boolean enableExecuteCommand,
    Boolean forceNewDeployment,
    Integer healthCheckGracePeriodSeconds,
    List<JsonNode> loadBalancers,
    NetworkConfiguration networkConfiguration,
    List<PlacementConstraint> placementConstraints,
    List<PlacementStrategy> placementStrategy,
    String platformVersion,
    String propagateTags,
    String service,
    JsonNode serviceConnectConfiguration,
    List<JsonNode> serviceRegistries,
    String taskDefinition,
    List<JsonNode> volumeConfigurations,
    List<JsonNode> vpcLatticeConfigurations) {}
