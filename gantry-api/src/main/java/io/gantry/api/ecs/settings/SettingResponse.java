package io.gantry.api.ecs.settings;

/** The output of PutAccountSetting, PutAccountSettingDefault and DeleteAccountSetting. */
public record SettingResponse(Setting setting) {}
