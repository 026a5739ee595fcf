package io.gantry.api.ecs.attributes;

import io.gantry.model.taskdef.Attribute;
import java.util.List;

/** ListAttributes output. */
public record ListAttributesResponse(List<Attribute> attributes, String nextToken) {}
