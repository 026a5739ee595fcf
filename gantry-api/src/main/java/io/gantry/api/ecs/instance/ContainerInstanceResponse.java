package io.gantry.api.ecs.instance;

import io.gantry.model.instance.ContainerInstance;

/** The output of RegisterContainerInstance and DeregisterContainerInstance. */
public record ContainerInstanceResponse(ContainerInstance containerInstance) {}
