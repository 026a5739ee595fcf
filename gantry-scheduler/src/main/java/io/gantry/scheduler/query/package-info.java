/**
 * The ECS cluster query language: expressions such as {@code attribute:ecs.instance-type =~ t2.*
 * and not(task:group == service:db)} parsed once into an immutable syntax tree ({@link
 * io.gantry.scheduler.query.Query}) and evaluated against {@link
 * io.gantry.scheduler.cluster.Node}s, for {@code memberOf} constraints and the {@code
 * ListContainerInstances} filter. Pure.
 */
package io.gantry.scheduler.query;
