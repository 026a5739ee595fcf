package io.gantry.model.taskdef;

import java.time.Instant;
import java.util.List;

/**
 * A registered task definition revision (ECS {@code TaskDefinition}), with every member of the ECS
 * model under its wire name, in the order ECS returns them. The same record is what the user
 * registers (identity and status members absent), what is stored, and what Describe returns.
 * Immutable; the {@code with…} methods return changed copies.
 */
public record TaskDefinition(
    String taskDefinitionArn,
    List<ContainerDefinition> containerDefinitions,
    String family,
    String taskRoleArn,
    String executionRoleArn,
    String networkMode,
    Integer revision,
    List<Volume> volumes,
    String status,
    List<Attribute> requiresAttributes,
    List<TaskDefinitionPlacementConstraint> placementConstraints,
    List<String> compatibilities,
    RuntimePlatform runtimePlatform,
    List<String> requiresCompatibilities,
    String cpu,
    String memory,
    List<InferenceAccelerator> inferenceAccelerators,
    String pidMode,
    String ipcMode,
    ProxyConfiguration proxyConfiguration,
    Instant registeredAt,
    Instant deregisteredAt,
    String registeredBy,
    EphemeralStorage ephemeralStorage,
    Boolean enableFaultInjection,
    Instant deleteRequestedAt) {

  public static final String ACTIVE = "ACTIVE";
  public static final String INACTIVE = "INACTIVE";
  public static final String DELETE_IN_PROGRESS = "DELETE_IN_PROGRESS";

  public TaskDefinition {
    containerDefinitions = WireCollections.list(containerDefinitions);
    volumes = WireCollections.list(volumes);
    requiresAttributes = WireCollections.list(requiresAttributes);
    placementConstraints = WireCollections.list(placementConstraints);
    compatibilities = WireCollections.list(compatibilities);
    requiresCompatibilities = WireCollections.list(requiresCompatibilities);
    inferenceAccelerators = WireCollections.list(inferenceAccelerators);
  }

  /** A definition as a user registers it: the members of {@code RegisterTaskDefinition}, nothing else. */
  public static TaskDefinition draft(
      String family,
      String taskRoleArn,
      String executionRoleArn,
      String networkMode,
      List<ContainerDefinition> containerDefinitions,
      List<Volume> volumes,
      List<TaskDefinitionPlacementConstraint> placementConstraints,
      List<String> requiresCompatibilities,
      String cpu,
      String memory,
      String pidMode,
      String ipcMode,
      ProxyConfiguration proxyConfiguration,
      List<InferenceAccelerator> inferenceAccelerators,
      EphemeralStorage ephemeralStorage,
      RuntimePlatform runtimePlatform,
      Boolean enableFaultInjection) {
    return new TaskDefinition(null, containerDefinitions, family, taskRoleArn, executionRoleArn,
        networkMode, null, volumes, null, null, placementConstraints, null, runtimePlatform,
        requiresCompatibilities, cpu, memory, inferenceAccelerators, pidMode, ipcMode,
        proxyConfiguration, null, null, null, ephemeralStorage, enableFaultInjection, null);
  }

  /** This definition with the members ECS computes or normalises at registration replaced. */
  public TaskDefinition withFilledIn(
      List<ContainerDefinition> containerDefinitions,
      List<Volume> volumes,
      List<Attribute> requiresAttributes,
      List<TaskDefinitionPlacementConstraint> placementConstraints,
      List<String> compatibilities,
      String cpu,
      String memory) {
    return new TaskDefinition(taskDefinitionArn, containerDefinitions, family, taskRoleArn,
        executionRoleArn, networkMode, revision, volumes, status, requiresAttributes,
        placementConstraints, compatibilities, runtimePlatform, requiresCompatibilities, cpu, memory,
        inferenceAccelerators, pidMode, ipcMode, proxyConfiguration, registeredAt, deregisteredAt,
        registeredBy, ephemeralStorage, enableFaultInjection, deleteRequestedAt);
  }

  /** This definition registered as {@code revision}: ACTIVE, with its ARN and registration stamp. */
  public TaskDefinition withRegistration(
      String taskDefinitionArn, int revision, Instant registeredAt, String registeredBy) {
    return new TaskDefinition(taskDefinitionArn, containerDefinitions, family, taskRoleArn,
        executionRoleArn, networkMode, revision, volumes, ACTIVE, requiresAttributes,
        placementConstraints, compatibilities, runtimePlatform, requiresCompatibilities, cpu, memory,
        inferenceAccelerators, pidMode, ipcMode, proxyConfiguration, registeredAt, null,
        registeredBy, ephemeralStorage, enableFaultInjection, null);
  }

  /** This definition moved to {@code status} with the given deregistration and deletion times. */
  public TaskDefinition withStatus(String status, Instant deregisteredAt, Instant deleteRequestedAt) {
    return new TaskDefinition(taskDefinitionArn, containerDefinitions, family, taskRoleArn,
        executionRoleArn, networkMode, revision, volumes, status, requiresAttributes,
        placementConstraints, compatibilities, runtimePlatform, requiresCompatibilities, cpu, memory,
        inferenceAccelerators, pidMode, ipcMode, proxyConfiguration, registeredAt, deregisteredAt,
        registeredBy, ephemeralStorage, enableFaultInjection, deleteRequestedAt);
  }
}
