package io.gantry.api.ecs.service;

/** The output of CreateService, UpdateService and DeleteService (three ECS shapes with one member): the service. */
public record ServiceResponse(Service service) {}
