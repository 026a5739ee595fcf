package io.gantry.api.ecs.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import java.time.Instant;
import java.util.List;

/**
 * What a service deployment runs (ECS {@code ServiceRevision}): the task definition, launch type,
 * capacity provider strategy, platform, load balancers, service registries and network
 * configuration at the time; the Fargate, Service Connect, volume and VPC Lattice members are left
 * out. Immutable.
 */
public record ServiceRevision(
    List<CapacityProviderStrategyItem> capacityProviderStrategy,
    String clusterArn,
    Instant createdAt,
    String launchType,
    List<JsonNode> loadBalancers,
    NetworkConfiguration networkConfiguration,
    String platformFamily,
    String platformVersion,
    String serviceArn,
    List<JsonNode> serviceRegistries,
    String serviceRevisionArn,
    String taskDefinition) {

  public ServiceRevision {
    capacityProviderStrategy = capacityProviderStrategy == null ? List.of() : List.copyOf(capacityProviderStrategy);
    loadBalancers = loadBalancers == null ? List.of() : List.copyOf(loadBalancers);
    serviceRegistries = serviceRegistries == null ? List.of() : List.copyOf(serviceRegistries);
  }
}
