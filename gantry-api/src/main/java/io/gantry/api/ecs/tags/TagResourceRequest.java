package io.gantry.api.ecs.tags;

import io.gantry.model.Tag;
import java.util.List;

/** TagResource input. */
public record TagResourceRequest(String resourceArn, List<Tag> tags) {}
