package io.gantry.api.ecs.taskdef;

import java.util.List;

/**
 * The input of DescribeTaskDefinition: a family (its latest ACTIVE revision), a
 * {@code family:revision} or a task definition ARN, and {@code include: [TAGS]} for its tags.
 */
public record DescribeTaskDefinitionRequest(String taskDefinition, List<String> include) {}
