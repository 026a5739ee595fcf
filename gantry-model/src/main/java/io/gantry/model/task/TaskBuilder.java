package io.gantry.model.task;

import io.gantry.model.Tag;
import io.gantry.model.cluster.Attachment;
import io.gantry.model.taskdef.Attribute;
import io.gantry.model.taskdef.EphemeralStorage;
import io.gantry.model.taskdef.InferenceAccelerator;
import java.time.Instant;
import java.util.List;

/**
 * Assembles a {@link Task} member by member, so the many members of the shape are set by name
 * rather than by position. Not thread-safe: one builder belongs to one thread; the task it
 * builds is immutable.
 */
public final class TaskBuilder {
  private List<Attachment> attachments;
  private List<Attribute> attributes;
  private String availabilityZone;
  private String capacityProviderName;
  private String clusterArn;
  private String connectivity;
  private Instant connectivityAt;
  private String containerInstanceArn;
  private List<Container> containers;
  private String cpu;
  private Instant createdAt;
  private String desiredStatus;
  private Boolean enableExecuteCommand;
  private EphemeralStorage ephemeralStorage;
  private Instant executionStoppedAt;
  private TaskEphemeralStorage fargateEphemeralStorage;
  private String group;
  private String healthStatus;
  private List<InferenceAccelerator> inferenceAccelerators;
  private String lastStatus;
  private String launchType;
  private String memory;
  private TaskOverride overrides;
  private String platformFamily;
  private String platformVersion;
  private Instant pullStartedAt;
  private Instant pullStoppedAt;
  private Instant startedAt;
  private String startedBy;
  private String stopCode;
  private Instant stoppedAt;
  private String stoppedReason;
  private Instant stoppingAt;
  private List<Tag> tags;
  private String taskArn;
  private String taskDefinitionArn;
  private Long version;

  TaskBuilder() {}

  TaskBuilder(Task task) {
    attachments = task.attachments();
    attributes = task.attributes();
    availabilityZone = task.availabilityZone();
    capacityProviderName = task.capacityProviderName();
    clusterArn = task.clusterArn();
    connectivity = task.connectivity();
    connectivityAt = task.connectivityAt();
    containerInstanceArn = task.containerInstanceArn();
    containers = task.containers();
    cpu = task.cpu();
    createdAt = task.createdAt();
    desiredStatus = task.desiredStatus();
    enableExecuteCommand = task.enableExecuteCommand();
    ephemeralStorage = task.ephemeralStorage();
    executionStoppedAt = task.executionStoppedAt();
    fargateEphemeralStorage = task.fargateEphemeralStorage();
    group = task.group();
    healthStatus = task.healthStatus();
    inferenceAccelerators = task.inferenceAccelerators();
    lastStatus = task.lastStatus();
    launchType = task.launchType();
    memory = task.memory();
    overrides = task.overrides();
    platformFamily = task.platformFamily();
    platformVersion = task.platformVersion();
    pullStartedAt = task.pullStartedAt();
    pullStoppedAt = task.pullStoppedAt();
    startedAt = task.startedAt();
    startedBy = task.startedBy();
    stopCode = task.stopCode();
    stoppedAt = task.stoppedAt();
    stoppedReason = task.stoppedReason();
    stoppingAt = task.stoppingAt();
    tags = task.tags();
    taskArn = task.taskArn();
    taskDefinitionArn = task.taskDefinitionArn();
    version = task.version();
  }

  public TaskBuilder attachments(List<Attachment> attachments) {
    this.attachments = attachments;
    return this;
  }

  public TaskBuilder attributes(List<Attribute> attributes) {
    this.attributes = attributes;
    return this;
  }

  public TaskBuilder availabilityZone(String availabilityZone) {
    this.availabilityZone = availabilityZone;
    return this;
  }

  public TaskBuilder capacityProviderName(String capacityProviderName) {
    this.capacityProviderName = capacityProviderName;
    return this;
  }

  public TaskBuilder clusterArn(String clusterArn) {
    this.clusterArn = clusterArn;
    return this;
  }

  public TaskBuilder connectivity(String connectivity) {
    this.connectivity = connectivity;
    return this;
  }

  public TaskBuilder connectivityAt(Instant connectivityAt) {
    this.connectivityAt = connectivityAt;
    return this;
  }

  public TaskBuilder containerInstanceArn(String containerInstanceArn) {
    this.containerInstanceArn = containerInstanceArn;
    return this;
  }

  public TaskBuilder containers(List<Container> containers) {
    this.containers = containers;
    return this;
  }

  public TaskBuilder cpu(String cpu) {
    this.cpu = cpu;
    return this;
  }

  public TaskBuilder createdAt(Instant createdAt) {
    this.createdAt = createdAt;
    return this;
  }

  public TaskBuilder desiredStatus(String desiredStatus) {
    this.desiredStatus = desiredStatus;
    return this;
  }

  public TaskBuilder enableExecuteCommand(Boolean enableExecuteCommand) {
    this.enableExecuteCommand = enableExecuteCommand;
    return this;
  }

  public TaskBuilder ephemeralStorage(EphemeralStorage ephemeralStorage) {
    this.ephemeralStorage = ephemeralStorage;
    return this;
  }

  public TaskBuilder executionStoppedAt(Instant executionStoppedAt) {
    this.executionStoppedAt = executionStoppedAt;
    return this;
  }

  public TaskBuilder fargateEphemeralStorage(TaskEphemeralStorage fargateEphemeralStorage) {
    this.fargateEphemeralStorage = fargateEphemeralStorage;
    return this;
  }

  public TaskBuilder group(String group) {
    this.group = group;
    return this;
  }

  public TaskBuilder healthStatus(String healthStatus) {
    this.healthStatus = healthStatus;
    return this;
  }

  public TaskBuilder inferenceAccelerators(List<InferenceAccelerator> inferenceAccelerators) {
    this.inferenceAccelerators = inferenceAccelerators;
    return this;
  }

  public TaskBuilder lastStatus(String lastStatus) {
    this.lastStatus = lastStatus;
    return this;
  }

  public TaskBuilder launchType(String launchType) {
    this.launchType = launchType;
    return this;
  }

  public TaskBuilder memory(String memory) {
    this.memory = memory;
    return this;
  }

  public TaskBuilder overrides(TaskOverride overrides) {
    this.overrides = overrides;
    return this;
  }

  public TaskBuilder platformFamily(String platformFamily) {
    this.platformFamily = platformFamily;
    return this;
  }

  public TaskBuilder platformVersion(String platformVersion) {
    this.platformVersion = platformVersion;
    return this;
  }

  public TaskBuilder pullStartedAt(Instant pullStartedAt) {
    this.pullStartedAt = pullStartedAt;
    return this;
  }

  public TaskBuilder pullStoppedAt(Instant pullStoppedAt) {
    this.pullStoppedAt = pullStoppedAt;
    return this;
  }

  public TaskBuilder startedAt(Instant startedAt) {
    this.startedAt = startedAt;
    return this;
  }

  public TaskBuilder startedBy(String startedBy) {
    this.startedBy = startedBy;
    return this;
  }

  public TaskBuilder stopCode(String stopCode) {
    this.stopCode = stopCode;
    return this;
  }

  public TaskBuilder stoppedAt(Instant stoppedAt) {
    this.stoppedAt = stoppedAt;
    return this;
  }

  public TaskBuilder stoppedReason(String stoppedReason) {
    this.stoppedReason = stoppedReason;
    return this;
  }

  public TaskBuilder stoppingAt(Instant stoppingAt) {
    this.stoppingAt = stoppingAt;
    return this;
  }

  public TaskBuilder tags(List<Tag> tags) {
    this.tags = tags;
    return this;
  }

  public TaskBuilder taskArn(String taskArn) {
    this.taskArn = taskArn;
    return this;
  }

  public TaskBuilder taskDefinitionArn(String taskDefinitionArn) {
    this.taskDefinitionArn = taskDefinitionArn;
    return this;
  }

  public TaskBuilder version(Long version) {
    this.version = version;
    return this;
  }

  /** The task with the members set so far; the builder can go on being used. */
  public Task build() {
    return new Task(attachments, attributes, availabilityZone, capacityProviderName, clusterArn,
        connectivity, connectivityAt, containerInstanceArn, containers, cpu, createdAt, desiredStatus,
        enableExecuteCommand, ephemeralStorage, executionStoppedAt, fargateEphemeralStorage, group,
        healthStatus, inferenceAccelerators, lastStatus, launchType, memory, overrides, platformFamily,
        platformVersion, pullStartedAt, pullStoppedAt, startedAt, startedBy, stopCode, stoppedAt,
        stoppedReason, stoppingAt, tags, taskArn, taskDefinitionArn, version);
  }
}
