package io.gantry.api.ecs.service;

/** The input of ListServices: optional launch type and scheduling strategy filters, and paging. */
public record ListServicesRequest(String cluster, String launchType, Integer maxResults, String nextToken,
    String resourceManagementType, String schedulingStrategy) {}
