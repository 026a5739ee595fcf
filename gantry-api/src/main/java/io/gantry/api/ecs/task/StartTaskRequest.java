package io.gantry.api.ecs.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.model.Tag;
import io.gantry.model.task.TaskOverride;
import java.util.List;

/** The input of StartTask: one task of {@code taskDefinition} on each of the named container instances. */
public record StartTaskRequest(
    String cluster,
    List<String> containerInstances,
    Boolean enableECSManagedTags,
    Boolean enableExecuteCommand,
    String group,
    NetworkConfiguration networkConfiguration,
    TaskOverride overrides,
    String propagateTags,
    String referenceId,
    String startedBy,
    List<Tag> tags,
    String taskDefinition,
    List<JsonNode> volumeConfigurations) {}
