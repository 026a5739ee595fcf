/** Request and response records of the task operations: RunTask, StartTask, StopTask, DescribeTasks, ListTasks. */
package io.gantry.api.ecs.task;
