/**
 * Container instances: the ECS {@code ContainerInstance} shape, its resources, version info,
 * health and platform devices, and the pure rules for instance attributes and resource accounting.
 */
package io.gantry.model.instance;
