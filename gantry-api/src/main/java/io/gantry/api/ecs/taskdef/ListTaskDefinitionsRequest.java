package io.gantry.api.ecs.taskdef;

/**
 * The input of ListTaskDefinitions. Despite its name, {@code familyPrefix} is a full family name
 * (as in ECS); {@code status} defaults to ACTIVE and {@code sort} to ASC.
 */
public record ListTaskDefinitionsRequest(
    String familyPrefix, String status, String sort, String nextToken, Integer maxResults) {}
