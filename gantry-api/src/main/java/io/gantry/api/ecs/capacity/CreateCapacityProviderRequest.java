package io.gantry.api.ecs.capacity;

import io.gantry.model.Tag;
import io.gantry.model.capacity.AutoScalingGroupProvider;
import java.util.List;

/** CreateCapacityProvider input (the managed-instances form is refused). */
public record CreateCapacityProviderRequest(String name, AutoScalingGroupProvider autoScalingGroupProvider,
    Object managedInstancesProvider, String cluster, List<Tag> tags) {}
