package io.gantry.api.ecs.attributes;

import io.gantry.model.taskdef.Attribute;
import java.util.List;

/** PutAttributes input. */
public record PutAttributesRequest(String cluster, List<Attribute> attributes) {}
