package io.gantry.api.ecs.task;

/** The network configuration of an {@code awsvpc} task (ECS {@code NetworkConfiguration}). */
public record NetworkConfiguration(AwsVpcConfiguration awsvpcConfiguration) {}
