package io.gantry.api.ecs.taskdef;

import java.util.List;

/** The input of DeleteTaskDefinitions: up to 10 {@code family:revision} values or ARNs. */
public record DeleteTaskDefinitionsRequest(List<String> taskDefinitions) {}
