package io.gantry.api.ecs.deployment;

import java.time.Instant;

/** What ListServiceDeployments shows of a deployment (ECS {@code ServiceDeploymentBrief}). Immutable. */
public record ServiceDeploymentBrief(String clusterArn, Instant createdAt, Instant finishedAt, String serviceArn,
    String serviceDeploymentArn, Instant startedAt, String status, String statusReason,
    String targetServiceRevisionArn) {}
