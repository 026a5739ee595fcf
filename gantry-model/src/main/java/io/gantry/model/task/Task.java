package io.gantry.model.task;

import io.gantry.model.Tag;
import io.gantry.model.cluster.Attachment;
import io.gantry.model.taskdef.Attribute;
import io.gantry.model.taskdef.EphemeralStorage;
import io.gantry.model.taskdef.InferenceAccelerator;
import java.time.Instant;
import java.util.List;

/**
 * A task (ECS {@code Task}) with every member of the ECS model under its wire name, in the order
 * of the model. The same record is what is stored and what DescribeTasks returns. Statuses, stop
 * codes, health, launch type and connectivity are kept as the wire strings so a value added by a
 * newer ECS model never breaks decoding of stored data; {@link TaskStatus}, {@link
 * DesiredStatus}, {@link TaskStopCode} and {@link HealthStatus} parse them. The control plane
 * owns {@code desiredStatus}; the agent owns {@code lastStatus}. Immutable; the {@code with…}
 * methods and {@link #toBuilder()} return changed copies.
 */
public record Task(
    List<Attachment> attachments,
    List<Attribute> attributes,
    String availabilityZone,
    String capacityProviderName,
    String clusterArn,
    String connectivity,
    Instant connectivityAt,
    String containerInstanceArn,
    List<Container> containers,
    String cpu,
    Instant createdAt,
    String desiredStatus,
    Boolean enableExecuteCommand,
    EphemeralStorage ephemeralStorage,
    Instant executionStoppedAt,
    TaskEphemeralStorage fargateEphemeralStorage,
    String group,
    String healthStatus,
    List<InferenceAccelerator> inferenceAccelerators,
    String lastStatus,
    String launchType,
    String memory,
    TaskOverride overrides,
    String platformFamily,
    String platformVersion,
    Instant pullStartedAt,
    Instant pullStoppedAt,
    Instant startedAt,
    String startedBy,
    String stopCode,
    Instant stoppedAt,
    String stoppedReason,
    Instant stoppingAt,
    List<Tag> tags,
    String taskArn,
    String taskDefinitionArn,
    Long version) {

  public Task {
    attachments = WireCollections.list(attachments);
    attributes = WireCollections.list(attributes);
    containers = WireCollections.list(containers);
    inferenceAccelerators = WireCollections.list(inferenceAccelerators);
    tags = WireCollections.list(tags);
  }

  /** A builder with every member absent. */
  public static TaskBuilder builder() {
    return new TaskBuilder();
  }

  /** A builder holding every member of this task. */
  public TaskBuilder toBuilder() {
    return new TaskBuilder(this);
  }

  /** This task with a new known status (the agent's view; see {@link TaskStatus}). */
  public Task withLastStatus(String newLastStatus) {
    return toBuilder().lastStatus(newLastStatus).build();
  }

  /** This task with a new desired status (the control plane's view; see {@link DesiredStatus}). */
  public Task withDesiredStatus(String newDesiredStatus) {
    return toBuilder().desiredStatus(newDesiredStatus).build();
  }

  /** This task with the code and the words that say why it stopped. */
  public Task withStop(String newStopCode, String newStoppedReason) {
    return toBuilder().stopCode(newStopCode).stoppedReason(newStoppedReason).build();
  }

  /** This task with new container states. */
  public Task withContainers(List<Container> newContainers) {
    return toBuilder().containers(newContainers).build();
  }

  /** This task with a new health status (see {@link TaskHealthRules}). */
  public Task withHealthStatus(String newHealthStatus) {
    return toBuilder().healthStatus(newHealthStatus).build();
  }

  /** This task with new tags, as DescribeTasks shows them when asked to include {@code TAGS}. */
  public Task withTags(List<Tag> newTags) {
    return toBuilder().tags(newTags).build();
  }

  /** This task with a new version counter. */
  public Task withVersion(Long newVersion) {
    return toBuilder().version(newVersion).build();
  }

  /** This task with the times its images started and finished pulling. */
  public Task withPullTimes(Instant newPullStartedAt, Instant newPullStoppedAt) {
    return toBuilder().pullStartedAt(newPullStartedAt).pullStoppedAt(newPullStoppedAt).build();
  }

  /** This task with the time it reached RUNNING. */
  public Task withStartedAt(Instant newStartedAt) {
    return toBuilder().startedAt(newStartedAt).build();
  }

  /** This task with the time it began to stop. */
  public Task withStoppingAt(Instant newStoppingAt) {
    return toBuilder().stoppingAt(newStoppingAt).build();
  }

  /** This task with the time its containers all stopped. */
  public Task withExecutionStoppedAt(Instant newExecutionStoppedAt) {
    return toBuilder().executionStoppedAt(newExecutionStoppedAt).build();
  }

  /** This task with the time it reached STOPPED. */
  public Task withStoppedAt(Instant newStoppedAt) {
    return toBuilder().stoppedAt(newStoppedAt).build();
  }

  /** This task with its connectivity ({@code CONNECTED}, {@code DISCONNECTED}) and since when. */
  public Task withConnectivity(String newConnectivity, Instant newConnectivityAt) {
    return toBuilder().connectivity(newConnectivity).connectivityAt(newConnectivityAt).build();
  }
}
