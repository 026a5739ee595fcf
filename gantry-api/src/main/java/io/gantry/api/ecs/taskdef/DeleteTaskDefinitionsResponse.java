package io.gantry.api.ecs.taskdef;

import io.gantry.model.Failure;
import io.gantry.model.taskdef.TaskDefinition;
import java.util.List;

/** The output of DeleteTaskDefinitions: the revisions now DELETE_IN_PROGRESS and a failure for each other one. */
public record DeleteTaskDefinitionsResponse(List<TaskDefinition> taskDefinitions, List<Failure> failures) {}
