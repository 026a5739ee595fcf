/**
 * Task definitions: the ECS {@code TaskDefinition} shape and every shape nested in it as records
 * with the wire names, and the pure rules of RegisterTaskDefinition (validation with ECS's
 * messages, the defaults ECS fills in, computed compatibilities and required attributes).
 * Records only copy their collections; they do not validate, so stored data always decodes.
 */
package io.gantry.model.taskdef;
