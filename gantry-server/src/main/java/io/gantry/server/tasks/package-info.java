/**
 * Tasks: RunTask, StartTask, StopTask, DescribeTasks and ListTasks, first-fit placement that
 * reserves CPU, memory and static host ports on the chosen instance in the same transaction that
 * stores the task, and {@link io.gantry.server.tasks.TaskStateService}, which hands tasks to node
 * agents and applies what they report (known status forward only, resources released once).
 */
package io.gantry.server.tasks;
