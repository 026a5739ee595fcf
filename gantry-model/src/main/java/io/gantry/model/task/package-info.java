/**
 * Tasks: the ECS {@code Task} shape and every shape nested in it as records with the wire names,
 * and the task lifecycle as data — the status enums in lifecycle order, forward-only transitions,
 * the pure derivation of a task's known status, stop code and health from its containers, and
 * the stopped reasons ECS words. Records only copy their collections; they do not validate, so
 * stored data always decodes.
 */
package io.gantry.model.task;
