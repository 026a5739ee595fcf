package io.gantry.api.ecs.settings;

/** DeleteAccountSetting input. */
public record DeleteAccountSettingRequest(String name, String principalArn) {}
