package io.gantry.api.ecs.instance;

import java.util.List;

/** ListContainerInstances output. */
public record ListContainerInstancesResponse(List<String> containerInstanceArns, String nextToken) {}
