package io.gantry.api.ecs.instance;

import io.gantry.model.Failure;
import io.gantry.model.instance.ContainerInstance;
import java.util.List;

/** The output of DescribeContainerInstances and UpdateContainerInstancesState: instances found and per-item failures. */
public record ContainerInstancesResponse(List<ContainerInstance> containerInstances, List<Failure> failures) {}
