package io.gantry.api.ecs.attributes;

/** ListAttributes input. */
public record ListAttributesRequest(
    String cluster, String targetType, String attributeName, String attributeValue, String nextToken, Integer maxResults) {}
