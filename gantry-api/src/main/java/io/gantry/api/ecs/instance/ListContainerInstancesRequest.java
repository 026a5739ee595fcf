package io.gantry.api.ecs.instance;

/** ListContainerInstances input. */
public record ListContainerInstancesRequest(
    String cluster, String filter, String nextToken, Integer maxResults, String status) {}
