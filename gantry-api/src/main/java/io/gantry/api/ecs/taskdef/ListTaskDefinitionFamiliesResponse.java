package io.gantry.api.ecs.taskdef;

import java.util.List;

/** The output of ListTaskDefinitionFamilies: one page of family names. */
public record ListTaskDefinitionFamiliesResponse(List<String> families, String nextToken) {}
