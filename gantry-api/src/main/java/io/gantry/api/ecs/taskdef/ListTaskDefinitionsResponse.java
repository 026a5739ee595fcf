package io.gantry.api.ecs.taskdef;

import java.util.List;

/** The output of ListTaskDefinitions: one page of task definition ARNs. */
public record ListTaskDefinitionsResponse(List<String> taskDefinitionArns, String nextToken) {}
