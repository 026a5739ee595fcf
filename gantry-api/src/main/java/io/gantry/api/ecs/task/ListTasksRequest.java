package io.gantry.api.ecs.task;

/** The input of ListTasks: the cluster, the filters, and paging. */
public record ListTasksRequest(
    String cluster,
    String containerInstance,
    String daemonName,
    String desiredStatus,
    String family,
    String launchType,
    Integer maxResults,
    String nextToken,
    String serviceName,
    String startedBy) {}
