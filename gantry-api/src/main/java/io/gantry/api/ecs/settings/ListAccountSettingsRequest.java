package io.gantry.api.ecs.settings;

/** ListAccountSettings input. */
public record ListAccountSettingsRequest(
    String name, String value, String principalArn, Boolean effectiveSettings, String nextToken, Integer maxResults) {}
