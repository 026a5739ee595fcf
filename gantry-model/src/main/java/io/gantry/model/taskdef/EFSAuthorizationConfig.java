package io.gantry.model.taskdef;

/**
 * How an EFS volume is authorised (ECS {@code EFSAuthorizationConfig}): an access point and IAM
 * use.
 */
public record EFSAuthorizationConfig(String accessPointId, String iam) {}
