package io.gantry.api.ecs.settings;

import java.util.List;

/** ListAccountSettings output. */
public record ListAccountSettingsResponse(List<Setting> settings, String nextToken) {}
