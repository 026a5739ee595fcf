package io.gantry.api.ecs.attributes;

import io.gantry.model.taskdef.Attribute;
import java.util.List;

/** DeleteAttributes input. */
public record DeleteAttributesRequest(String cluster, List<Attribute> attributes) {}
