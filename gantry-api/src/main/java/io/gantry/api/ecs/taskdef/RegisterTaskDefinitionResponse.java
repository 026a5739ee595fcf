package io.gantry.api.ecs.taskdef;

import io.gantry.model.Tag;
import io.gantry.model.taskdef.TaskDefinition;
import java.util.List;

/** The output of RegisterTaskDefinition: the registered revision and the tags it was given. */
public record RegisterTaskDefinitionResponse(TaskDefinition taskDefinition, List<Tag> tags) {}
