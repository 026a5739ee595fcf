package io.gantry.api.ecs.tags;

/** ListTagsForResource input. */
public record ListTagsForResourceRequest(String resourceArn) {}
