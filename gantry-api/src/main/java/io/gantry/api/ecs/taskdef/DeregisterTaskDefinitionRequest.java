package io.gantry.api.ecs.taskdef;

/** The input of DeregisterTaskDefinition: a {@code family:revision} or a task definition ARN. */
public record DeregisterTaskDefinitionRequest(String taskDefinition) {}
