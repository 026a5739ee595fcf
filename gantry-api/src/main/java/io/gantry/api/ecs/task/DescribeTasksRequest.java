package io.gantry.api.ecs.task;

import java.util.List;

/** The input of DescribeTasks: 1–100 task ARNs or ids, and extra fields to include ({@code TAGS}). */
public record DescribeTasksRequest(String cluster, List<String> include, List<String> tasks) {}
