package io.gantry.api.ecs.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.api.ecs.task.PlacementConstraint;
import io.gantry.api.ecs.task.PlacementStrategy;
import io.gantry.model.Tag;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import java.time.Instant;
import java.util.List;

/**
 * A service (ECS {@code Service}) under its wire names, in the order of the model: what
 * CreateService, UpdateService, DeleteService and DescribeServices return and what the control
 * plane stores (with its internal facts beside it). {@code currentServiceDeployment} and
 * {@code currentServiceRevisions} are derived when the service is shown (null in the stored
 * record). Members Gantry does not model yet ({@code taskSets}, {@code resourceManagementType})
 * are left out; load balancers and service registries are kept as
 * raw JSON. {@code deployments} lists the PRIMARY deployment first; {@code events} newest first.
 * Immutable; {@link #toBuilder()} makes changed copies.
 */
public record Service(
    String availabilityZoneRebalancing,
    List<CapacityProviderStrategyItem> capacityProviderStrategy,
    String clusterArn,
    Instant createdAt,
    String createdBy,
    String currentServiceDeployment,
    List<ServiceCurrentRevisionSummary> currentServiceRevisions,
    DeploymentConfiguration deploymentConfiguration,
    DeploymentController deploymentController,
    List<Deployment> deployments,
    Integer desiredCount,
    Boolean enableECSManagedTags,
    Boolean enableExecuteCommand,
    List<ServiceEvent> events,
    Integer healthCheckGracePeriodSeconds,
    String launchType,
    List<JsonNode> loadBalancers,
    NetworkConfiguration networkConfiguration,
    Integer pendingCount,
    List<PlacementConstraint> placementConstraints,
    List<PlacementStrategy> placementStrategy,
    String platformFamily,
    String platformVersion,
    String propagateTags,
    String roleArn,
    Integer runningCount,
    String schedulingStrategy,
    String serviceArn,
    String serviceName,
    List<JsonNode> serviceRegistries,
    String status,
    List<Tag> tags,
    String taskDefinition) {

  public static final String ACTIVE = "ACTIVE";
  public static final String DRAINING = "DRAINING";
  public static final String INACTIVE = "INACTIVE";

  public Service {
    capacityProviderStrategy = capacityProviderStrategy == null ? List.of() : List.copyOf(capacityProviderStrategy);
    currentServiceRevisions = currentServiceRevisions == null ? null : List.copyOf(currentServiceRevisions);
    deployments = deployments == null ? List.of() : List.copyOf(deployments);
    events = events == null ? List.of() : List.copyOf(events);
    loadBalancers = loadBalancers == null ? List.of() : List.copyOf(loadBalancers);
    placementConstraints = placementConstraints == null ? List.of() : List.copyOf(placementConstraints);
    placementStrategy = placementStrategy == null ? List.of() : List.copyOf(placementStrategy);
    serviceRegistries = serviceRegistries == null ? List.of() : List.copyOf(serviceRegistries);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  public static ServiceBuilder builder() {
    return new ServiceBuilder();
  }

  public ServiceBuilder toBuilder() {
    return new ServiceBuilder(this);
  }

  /** The PRIMARY deployment (the first one listed), if any. */
  public java.util.Optional<Deployment> primary() {
    return deployments.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(deployments.get(0));
  }

  /** This service as shown with {@code newTags} (DescribeServices with {@code include: [TAGS]}), else without tags. */
  public Service withTags(List<Tag> newTags) {
    return toBuilder().tags(newTags).build();
  }
}
