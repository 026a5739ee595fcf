package io.gantry.api.ecs.settings;

/** The ECS {@code Setting} shape: an account setting's name, value, principal and type (user | aws_managed). */
public record Setting(String name, String value, String principalArn, String type) {}
