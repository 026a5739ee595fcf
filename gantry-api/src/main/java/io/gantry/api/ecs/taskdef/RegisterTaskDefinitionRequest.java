package io.gantry.api.ecs.taskdef;

import io.gantry.model.Tag;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.EphemeralStorage;
import io.gantry.model.taskdef.InferenceAccelerator;
import io.gantry.model.taskdef.ProxyConfiguration;
import io.gantry.model.taskdef.RuntimePlatform;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.model.taskdef.TaskDefinitionPlacementConstraint;
import io.gantry.model.taskdef.Volume;
import java.util.List;

/** The input of RegisterTaskDefinition: a task definition as the user writes it, plus its tags. */
public record RegisterTaskDefinitionRequest(
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
    List<Tag> tags,
    String pidMode,
    String ipcMode,
    ProxyConfiguration proxyConfiguration,
    List<InferenceAccelerator> inferenceAccelerators,
    EphemeralStorage ephemeralStorage,
    RuntimePlatform runtimePlatform,
    Boolean enableFaultInjection) {

  /** The definition this request registers, before ECS validates and completes it. */
  public TaskDefinition toTaskDefinition() {
    return TaskDefinition.draft(family, taskRoleArn, executionRoleArn, networkMode,
        containerDefinitions, volumes, placementConstraints, requiresCompatibilities, cpu, memory,
        pidMode, ipcMode, proxyConfiguration, inferenceAccelerators, ephemeralStorage,
        runtimePlatform, enableFaultInjection);
  }
}
