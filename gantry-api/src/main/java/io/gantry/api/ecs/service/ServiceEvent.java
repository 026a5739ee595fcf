package io.gantry.api.ecs.service;

import java.time.Instant;

/** One entry of a service's event log (ECS {@code ServiceEvent}): when, a unique id, and ECS-worded text. */
public record ServiceEvent(Instant createdAt, String id, String message) {}
