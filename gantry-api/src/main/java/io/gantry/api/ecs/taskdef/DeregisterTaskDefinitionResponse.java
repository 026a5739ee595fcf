package io.gantry.api.ecs.taskdef;

import io.gantry.model.taskdef.TaskDefinition;

/** The output of DeregisterTaskDefinition: the revision, now INACTIVE. */
public record DeregisterTaskDefinitionResponse(TaskDefinition taskDefinition) {}
