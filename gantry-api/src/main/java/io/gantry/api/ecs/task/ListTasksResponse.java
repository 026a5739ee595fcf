package io.gantry.api.ecs.task;

import java.util.List;

/** The output of ListTasks: one page of task ARNs and the token for the next page (null on the last). */
public record ListTasksResponse(String nextToken, List<String> taskArns) {}
