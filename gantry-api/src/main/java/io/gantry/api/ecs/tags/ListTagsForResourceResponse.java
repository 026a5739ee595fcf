package io.gantry.api.ecs.tags;

import io.gantry.model.Tag;
import java.util.List;

/** ListTagsForResource output. */
public record ListTagsForResourceResponse(List<Tag> tags) {}
