/**
 * The request and response records of the task definition operations (Register, Describe, List,
 * ListFamilies, Deregister, Delete), with ECS wire names. The task definition itself is the
 * model record {@link io.gantry.model.taskdef.TaskDefinition}; nothing here copies it.
 */
package io.gantry.api.ecs.taskdef;
