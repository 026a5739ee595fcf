package io.gantry.api.ecs.taskdef;

import io.gantry.model.Tag;
import io.gantry.model.taskdef.TaskDefinition;
import java.util.List;

/** The output of DescribeTaskDefinition; {@code tags} only when TAGS was asked for. */
public record DescribeTaskDefinitionResponse(TaskDefinition taskDefinition, List<Tag> tags) {}
