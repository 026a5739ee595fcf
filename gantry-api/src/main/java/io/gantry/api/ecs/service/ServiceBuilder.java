package io.gantry.api.ecs.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.api.ecs.task.PlacementConstraint;
import io.gantry.api.ecs.task.PlacementStrategy;
import io.gantry.model.Tag;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import java.time.Instant;
import java.util.List;

/** Builds a {@link Service}; every member starts absent (or copied from a service). Not thread-safe. */
public final class ServiceBuilder {
  private String availabilityZoneRebalancing;
  private List<CapacityProviderStrategyItem> capacityProviderStrategy;
  private String clusterArn;
  private Instant createdAt;
  private String createdBy;
  private String currentServiceDeployment;
  private List<ServiceCurrentRevisionSummary> currentServiceRevisions;
  private DeploymentConfiguration deploymentConfiguration;
  private DeploymentController deploymentController;
  private List<Deployment> deployments;
  private Integer desiredCount;
  private Boolean enableECSManagedTags;
  private Boolean enableExecuteCommand;
  private List<ServiceEvent> events;
  private Integer healthCheckGracePeriodSeconds;
  private String launchType;
  private List<JsonNode> loadBalancers;
  private NetworkConfiguration networkConfiguration;
  private Integer pendingCount;
  private List<PlacementConstraint> placementConstraints;
  private List<PlacementStrategy> placementStrategy;
  private String platformFamily;
  private String platformVersion;
  private String propagateTags;
  private String roleArn;
  private Integer runningCount;
  private String schedulingStrategy;
  private String serviceArn;
  private String serviceName;
  private List<JsonNode> serviceRegistries;
  private String status;
  private List<Tag> tags;
  private String taskDefinition;

  ServiceBuilder() {}

  ServiceBuilder(Service s) {
    availabilityZoneRebalancing = s.availabilityZoneRebalancing();
    capacityProviderStrategy = s.capacityProviderStrategy();
    clusterArn = s.clusterArn();
    createdAt = s.createdAt();
    createdBy = s.createdBy();
    currentServiceDeployment = s.currentServiceDeployment();
    currentServiceRevisions = s.currentServiceRevisions();
    deploymentConfiguration = s.deploymentConfiguration();
    deploymentController = s.deploymentController();
    deployments = s.deployments();
    desiredCount = s.desiredCount();
    enableECSManagedTags = s.enableECSManagedTags();
    enableExecuteCommand = s.enableExecuteCommand();
    events = s.events();
    healthCheckGracePeriodSeconds = s.healthCheckGracePeriodSeconds();
    launchType = s.launchType();
    loadBalancers = s.loadBalancers();
    networkConfiguration = s.networkConfiguration();
    pendingCount = s.pendingCount();
    placementConstraints = s.placementConstraints();
    placementStrategy = s.placementStrategy();
    platformFamily = s.platformFamily();
    platformVersion = s.platformVersion();
    propagateTags = s.propagateTags();
    roleArn = s.roleArn();
    runningCount = s.runningCount();
    schedulingStrategy = s.schedulingStrategy();
    serviceArn = s.serviceArn();
    serviceName = s.serviceName();
    serviceRegistries = s.serviceRegistries();
    status = s.status();
    tags = s.tags();
    taskDefinition = s.taskDefinition();
  }

  public ServiceBuilder availabilityZoneRebalancing(String value) {
    availabilityZoneRebalancing = value;
    return this;
  }

  public ServiceBuilder capacityProviderStrategy(List<CapacityProviderStrategyItem> value) {
    capacityProviderStrategy = value;
    return this;
  }

  public ServiceBuilder clusterArn(String value) {
    clusterArn = value;
    return this;
  }

  public ServiceBuilder createdAt(Instant value) {
    createdAt = value;
    return this;
  }

  public ServiceBuilder createdBy(String value) {
    createdBy = value;
    return this;
  }

  public ServiceBuilder currentServiceDeployment(String value) {
    currentServiceDeployment = value;
    return this;
  }

  public ServiceBuilder currentServiceRevisions(List<ServiceCurrentRevisionSummary> value) {
    currentServiceRevisions = value;
    return this;
  }

  public ServiceBuilder deploymentConfiguration(DeploymentConfiguration value) {
    deploymentConfiguration = value;
    return this;
  }

  public ServiceBuilder deploymentController(DeploymentController value) {
    deploymentController = value;
    return this;
  }

  public ServiceBuilder deployments(List<Deployment> value) {
    deployments = value;
    return this;
  }

  public ServiceBuilder desiredCount(Integer value) {
    desiredCount = value;
    return this;
  }

  public ServiceBuilder enableECSManagedTags(Boolean value) {
    enableECSManagedTags = value;
    return this;
  }

  public ServiceBuilder enableExecuteCommand(Boolean value) {
    enableExecuteCommand = value;
    return this;
  }

  public ServiceBuilder events(List<ServiceEvent> value) {
    events = value;
    return this;
  }

  public ServiceBuilder healthCheckGracePeriodSeconds(Integer value) {
    healthCheckGracePeriodSeconds = value;
    return this;
  }

  public ServiceBuilder launchType(String value) {
    launchType = value;
    return this;
  }

  public ServiceBuilder loadBalancers(List<JsonNode> value) {
    loadBalancers = value;
    return this;
  }

  public ServiceBuilder networkConfiguration(NetworkConfiguration value) {
    networkConfiguration = value;
    return this;
  }

  public ServiceBuilder pendingCount(Integer value) {
    pendingCount = value;
    return this;
  }

  public ServiceBuilder placementConstraints(List<PlacementConstraint> value) {
    placementConstraints = value;
    return this;
  }

  public ServiceBuilder placementStrategy(List<PlacementStrategy> value) {
    placementStrategy = value;
    return this;
  }

  public ServiceBuilder platformFamily(String value) {
    platformFamily = value;
    return this;
  }

  public ServiceBuilder platformVersion(String value) {
    platformVersion = value;
    return this;
  }

  public ServiceBuilder propagateTags(String value) {
    propagateTags = value;
    return this;
  }

  public ServiceBuilder roleArn(String value) {
    roleArn = value;
    return this;
  }

  public ServiceBuilder runningCount(Integer value) {
    runningCount = value;
    return this;
  }

  public ServiceBuilder schedulingStrategy(String value) {
    schedulingStrategy = value;
    return this;
  }

  public ServiceBuilder serviceArn(String value) {
    serviceArn = value;
    return this;
  }

  public ServiceBuilder serviceName(String value) {
    serviceName = value;
    return this;
  }

  public ServiceBuilder serviceRegistries(List<JsonNode> value) {
    serviceRegistries = value;
    return this;
  }

  public ServiceBuilder status(String value) {
    status = value;
    return this;
  }

  public ServiceBuilder tags(List<Tag> value) {
    tags = value;
    return this;
  }

  public ServiceBuilder taskDefinition(String value) {
    taskDefinition = value;
    return this;
  }

  public Service build() {
    return new Service(availabilityZoneRebalancing, capacityProviderStrategy, clusterArn, createdAt, createdBy,
        currentServiceDeployment, currentServiceRevisions, deploymentConfiguration, deploymentController, deployments, desiredCount, enableECSManagedTags, enableExecuteCommand, events, healthCheckGracePeriodSeconds, launchType, loadBalancers, networkConfiguration, pendingCount, placementConstraints, placementStrategy, platformFamily, platformVersion, propagateTags, roleArn, runningCount, schedulingStrategy, serviceArn, serviceName, serviceRegistries, status, tags, taskDefinition);
  }
}
