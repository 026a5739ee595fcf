package io.gantry.api.ecs.service;

/** The input of DeleteService: without {@code force} only a service scaled to zero may be deleted. */
public record DeleteServiceRequest(String cluster, Boolean force, String service) {}
