package io.gantry.api.ecs.settings;

/** PutAccountSetting input; PutAccountSettingDefault uses the same record without a principal. */
public record PutAccountSettingRequest(String name, String value, String principalArn) {}
