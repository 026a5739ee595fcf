package io.gantry.server.settings;

import io.gantry.api.ecs.settings.DeleteAccountSettingRequest;
import io.gantry.api.ecs.settings.ListAccountSettingsRequest;
import io.gantry.api.ecs.settings.ListAccountSettingsResponse;
import io.gantry.api.ecs.settings.PutAccountSettingRequest;
import io.gantry.api.ecs.settings.Setting;
import io.gantry.api.ecs.settings.SettingResponse;
import io.gantry.model.EcsException;
import io.gantry.model.Scope;
import io.gantry.server.dispatch.EcsHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.paging.Pages;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.store.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PutAccountSetting, PutAccountSettingDefault, ListAccountSettings and DeleteAccountSetting.
 * A setting is stored per principal ARN; the account default is stored under the principal
 * {@code default}. The effective value of a setting for a principal is its own value, else the
 * account default, else AWS's default. Thread-safe.
 */
public final class AccountSettingHandler implements EcsHandler {
  private static final String ACCOUNT_DEFAULT = "default";
  private final EntityStore store;

  public AccountSettingHandler(EntityStore store) {
    this.store = store;
  }

  @Override
  public void register(OperationRegistry registry) {
    registry
        .register("PutAccountSetting", PutAccountSettingRequest.class, this::put)
        .register("PutAccountSettingDefault", PutAccountSettingRequest.class, this::putDefault)
        .register("ListAccountSettings", ListAccountSettingsRequest.class, this::list)
        .register("DeleteAccountSetting", DeleteAccountSettingRequest.class, this::delete);
  }

  SettingResponse put(RequestContext ctx, PutAccountSettingRequest req) {
    SettingRules.checkValue(req.name(), req.value());
    String principal = principal(ctx, req.principalArn());
    if (SettingRules.DEFAULT_ONLY.contains(req.name())) {
      throw EcsException.invalidParameter("The " + req.name()
          + " setting can only be changed for the account with PutAccountSettingDefault.");
    }
    Setting setting = new Setting(req.name(), req.value(), principal, "user");
    write(ctx.scope(), principal, setting);
    return new SettingResponse(setting);
  }

  SettingResponse putDefault(RequestContext ctx, PutAccountSettingRequest req) {
    SettingRules.checkValue(req.name(), req.value());
    Setting setting = new Setting(req.name(), req.value(), ctx.principalArn(), "user");
    write(ctx.scope(), ACCOUNT_DEFAULT, setting);
    return new SettingResponse(setting);
  }

  SettingResponse delete(RequestContext ctx, DeleteAccountSettingRequest req) {
    SettingRules.checkName(req.name());
    String principal = principal(ctx, req.principalArn());
    String key = StateKeys.accountSetting(ctx.scope(), principal, req.name());
    Optional<Versioned<Setting>> existing = store.get(key, Setting.class);
    if (existing.isEmpty()) {
      throw EcsException.invalidParameter("The account setting " + req.name() + " is not set for " + principal + ".");
    }
    store.commit(Txn.builder().delete(key).build());
    return new SettingResponse(existing.get().value());
  }

  ListAccountSettingsResponse list(RequestContext ctx, ListAccountSettingsRequest req) {
    if (req.name() != null) {
      SettingRules.checkName(req.name());
    }
    if (req.value() != null && req.name() == null) {
      throw EcsException.invalidParameter("A setting value can only be given together with a setting name.");
    }
    String principal = principal(ctx, req.principalArn());
    Scope scope = ctx.scope();
    List<Setting> out = new ArrayList<>();
    for (String name : SettingRules.AWS_DEFAULTS.keySet()) {
      if (req.name() != null && !req.name().equals(name)) {
        continue;
      }
      Optional<Setting> own = read(scope, principal, name);
      Setting shown;
      if (Boolean.TRUE.equals(req.effectiveSettings())) {
        shown = own.or(() -> read(scope, ACCOUNT_DEFAULT, name).map(s -> new Setting(s.name(), s.value(), principal, s.type())))
            .orElse(new Setting(name, SettingRules.AWS_DEFAULTS.get(name), principal, "aws_managed"));
      } else {
        shown = own.orElse(null);
      }
      if (shown != null && (req.value() == null || req.value().equals(shown.value()))) {
        out.add(shown);
      }
    }
    out.sort(java.util.Comparator.comparing(Setting::name)); // paging walks the list in token (name) order
    Pages.Page<Setting> page = Pages.page(out, Setting::name, req.nextToken(), req.maxResults(), 10, 10);
    return new ListAccountSettingsResponse(page.items(), page.nextToken());
  }

  private Optional<Setting> read(Scope scope, String principal, String name) {
    return store.get(StateKeys.accountSetting(scope, principal, name), Setting.class).map(Versioned::value);
  }

  private void write(Scope scope, String principal, Setting setting) {
    String key = StateKeys.accountSetting(scope, principal, setting.name());
    store.commit(Txn.builder().put(key, store.encode(setting)).build());
  }

  /** The principal a request acts for: the given ARN of the caller's account, else the caller. */
  private static String principal(RequestContext ctx, String principalArn) {
    if (principalArn == null || principalArn.isEmpty()) {
      return ctx.principalArn();
    }
    String prefix = "arn:aws:iam::" + ctx.scope().accountId() + ":";
    if (!principalArn.startsWith(prefix) || principalArn.length() == prefix.length()) {
      throw EcsException.invalidParameter("principalArn must be an IAM user, role or root ARN of account "
          + ctx.scope().accountId() + ".");
    }
    return principalArn;
  }
}
