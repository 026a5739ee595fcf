package io.gantry.api.ecs.instance;

import java.util.List;

/** DescribeContainerInstances input: instance ids or ARNs, and extra fields ({@code TAGS}, {@code CONTAINER_INSTANCE_HEALTH}). */
public record DescribeContainerInstancesRequest(String cluster, List<String> containerInstances, List<String> include) {}
