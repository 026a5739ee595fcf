package io.gantry.api.ecs.task;

import java.util.List;

/** The subnets, security groups and public IP choice of an {@code awsvpc} task (ECS {@code AwsVpcConfiguration}). */
public record AwsVpcConfiguration(List<String> subnets, List<String> securityGroups, String assignPublicIp) {}
