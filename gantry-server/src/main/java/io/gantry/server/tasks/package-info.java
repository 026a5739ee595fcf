/**
 * Tasks: RunTask, StartTask, StopTask, DescribeTasks and ListTasks. Launches plan on the
 * cluster's placement ledger, have the plan applier reserve, and store the tasks in one
 * transaction; {@link io.gantry.server.tasks.TaskStateService} hands tasks to node agents and
 * applies what they report (known status forward only).
 */
package io.gantry.server.tasks;
