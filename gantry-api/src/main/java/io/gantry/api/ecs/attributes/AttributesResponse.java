package io.gantry.api.ecs.attributes;

import io.gantry.model.taskdef.Attribute;
import java.util.List;

/** The output of PutAttributes (the attributes applied) and DeleteAttributes (the attributes removed). */
public record AttributesResponse(List<Attribute> attributes) {}
