package io.gantry.api.ecs.instance;

/** DeregisterContainerInstance input. */
public record DeregisterContainerInstanceRequest(String cluster, String containerInstance, Boolean force) {}
