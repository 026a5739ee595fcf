package io.gantry.api.ecs.tags;

import java.util.List;

/** UntagResource input. */
public record UntagResourceRequest(String resourceArn, List<String> tagKeys) {}
