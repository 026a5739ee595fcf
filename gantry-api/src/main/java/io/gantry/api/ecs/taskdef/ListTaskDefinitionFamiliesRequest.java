package io.gantry.api.ecs.taskdef;

/**
 * The input of ListTaskDefinitionFamilies: families starting with {@code familyPrefix}, filtered
 * by {@code status} (ACTIVE, INACTIVE or ALL, the default).
 */
public record ListTaskDefinitionFamiliesRequest(
    String familyPrefix, String status, String nextToken, Integer maxResults) {}
