package io.gantry.model.instance;

import io.gantry.model.Tag;
import io.gantry.model.cluster.Attachment;
import io.gantry.model.taskdef.Attribute;
import java.time.Instant;
import java.util.List;

/**
 * The ECS {@code ContainerInstance} shape: a node registered to a cluster with its resources,
 * attributes, agent state and task counts. The stored record carries everything but the tags
 * (kept beside it) and is filled in with them when described. {@code version} counts the
 * changes the instance has gone through, starting at 1 on registration.
 */
public record ContainerInstance(
    String containerInstanceArn,
    String ec2InstanceId,
    String capacityProviderName,
    Long version,
    VersionInfo versionInfo,
    List<Resource> remainingResources,
    List<Resource> registeredResources,
    String status,
    String statusReason,
    Boolean agentConnected,
    Integer runningTasksCount,
    Integer pendingTasksCount,
    String agentUpdateStatus,
    List<Attribute> attributes,
    Instant registeredAt,
    List<Attachment> attachments,
    List<Tag> tags,
    ContainerInstanceHealthStatus healthStatus) {

  public static final String ACTIVE = "ACTIVE";
  public static final String DRAINING = "DRAINING";
  public static final String REGISTERING = "REGISTERING";
  public static final String DEREGISTERING = "DEREGISTERING";
  public static final String REGISTRATION_FAILED = "REGISTRATION_FAILED";
  public static final String INACTIVE = "INACTIVE";

  public ContainerInstance {
    remainingResources = copy(remainingResources);
    registeredResources = copy(registeredResources);
    attributes = copy(attributes);
    attachments = copy(attachments);
    tags = copy(tags);
  }

  /** The id part of the ARN (after the last slash). */
  public String id() {
    return containerInstanceArn.substring(containerInstanceArn.lastIndexOf('/') + 1);
  }

  /** Running plus pending tasks: the work that keeps a deregistration without force from succeeding. */
  public int activeTaskCount() {
    return (runningTasksCount == null ? 0 : runningTasksCount) + (pendingTasksCount == null ? 0 : pendingTasksCount);
  }

  /** This instance moved to {@code newStatus}, as one more change. */
  public ContainerInstance withStatus(String newStatus) {
    return new ContainerInstance(containerInstanceArn, ec2InstanceId, capacityProviderName, next(), versionInfo,
        remainingResources, registeredResources, newStatus, statusReason, agentConnected, runningTasksCount,
        pendingTasksCount, agentUpdateStatus, attributes, registeredAt, attachments, tags, healthStatus);
  }

  /** This instance with its agent's session up or down (not a new version: ECS does not bump it). */
  public ContainerInstance withAgentConnected(boolean connected) {
    return new ContainerInstance(containerInstanceArn, ec2InstanceId, capacityProviderName, version, versionInfo,
        remainingResources, registeredResources, status, statusReason, connected, runningTasksCount,
        pendingTasksCount, agentUpdateStatus, attributes, registeredAt, attachments, tags, healthStatus);
  }

  /** This instance with a new attribute list, as one more change. */
  public ContainerInstance withAttributes(List<Attribute> newAttributes) {
    return new ContainerInstance(containerInstanceArn, ec2InstanceId, capacityProviderName, next(), versionInfo,
        remainingResources, registeredResources, status, statusReason, agentConnected, runningTasksCount,
        pendingTasksCount, agentUpdateStatus, newAttributes, registeredAt, attachments, tags, healthStatus);
  }

  /** This instance in capacity provider {@code name} (null: none), as its agent registered it. */
  public ContainerInstance withCapacityProviderName(String name) {
    return new ContainerInstance(containerInstanceArn, ec2InstanceId, name, version, versionInfo,
        remainingResources, registeredResources, status, statusReason, agentConnected, runningTasksCount,
        pendingTasksCount, agentUpdateStatus, attributes, registeredAt, attachments, tags, healthStatus);
  }

  /**
   * This instance registered again by its agent (same id and registration time): new resources,
   * versions and attributes, the agent connected, as one more change.
   */
  public ContainerInstance reregistered(List<Resource> registered, List<Resource> remaining, VersionInfo newVersionInfo,
      List<Attribute> newAttributes) {
    return new ContainerInstance(containerInstanceArn, ec2InstanceId, capacityProviderName, next(), newVersionInfo,
        remaining, registered, status, statusReason, true, runningTasksCount, pendingTasksCount, agentUpdateStatus,
        newAttributes, registeredAt, attachments, tags, healthStatus);
  }

  /**
   * The instance as Describe shows it: tags and health only when asked for. Not a change, so the
   * version stays.
   */
  public ContainerInstance described(List<Tag> newTags, boolean withHealth) {
    return new ContainerInstance(containerInstanceArn, ec2InstanceId, capacityProviderName, version, versionInfo,
        remainingResources, registeredResources, status, statusReason, agentConnected, runningTasksCount,
        pendingTasksCount, agentUpdateStatus, attributes, registeredAt, attachments, newTags,
        withHealth ? healthStatus : null);
  }

  private long next() {
    return version == null ? 1 : version + 1;
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? null : List.copyOf(list);
  }
}
