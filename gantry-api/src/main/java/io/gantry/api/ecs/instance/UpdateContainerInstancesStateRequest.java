package io.gantry.api.ecs.instance;

import java.util.List;

/** UpdateContainerInstancesState input: the instances and the status ({@code ACTIVE} or {@code DRAINING}) to give them. */
public record UpdateContainerInstancesStateRequest(String cluster, List<String> containerInstances, String status) {}
