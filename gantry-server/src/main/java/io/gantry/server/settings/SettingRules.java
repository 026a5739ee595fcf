package io.gantry.server.settings;

import io.gantry.model.EcsException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The account setting names ECS knows, the values each accepts, and the value AWS gives an
 * account that never set it. Pure.
 */
final class SettingRules {
  private static final Set<String> SWITCH = Set.of("enabled", "disabled", "on", "off");

  /** AWS's defaults for a new account, in the order ListAccountSettings shows them. */
  static final Map<String, String> AWS_DEFAULTS = defaults();

  /** Settings that only the account default can change (PutAccountSettingDefault). */
  static final Set<String> DEFAULT_ONLY = Set.of("fargateFIPSMode", "guardDutyActivate", "fargateTaskRetirementWaitPeriod",
      "defaultLogDriverMode", "fargateEventWindows");

  private SettingRules() {}

  private static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("serviceLongArnFormat", "enabled");
    m.put("taskLongArnFormat", "enabled");
    m.put("containerInstanceLongArnFormat", "enabled");
    m.put("awsvpcTrunking", "disabled");
    m.put("containerInsights", "disabled");
    m.put("fargateFIPSMode", "disabled");
    m.put("tagResourceAuthorization", "on");
    m.put("fargateTaskRetirementWaitPeriod", "7");
    m.put("guardDutyActivate", "off");
    m.put("defaultLogDriverMode", "non-blocking");
    m.put("fargateEventWindows", "disabled");
    return java.util.Collections.unmodifiableMap(m);
  }

  static void checkName(String name) {
    if (name == null || !AWS_DEFAULTS.containsKey(name)) {
      throw EcsException.invalidParameter("Invalid setting name: " + name + ". Valid names are "
          + String.join(", ", AWS_DEFAULTS.keySet()) + ".");
    }
  }

  static void checkValue(String name, String value) {
    checkName(name);
    boolean ok = switch (name) {
      case "containerInsights" -> Set.of("enabled", "disabled", "enhanced").contains(value);
      case "fargateTaskRetirementWaitPeriod" -> Set.of("0", "7", "14").contains(value);
      case "defaultLogDriverMode" -> Set.of("blocking", "non-blocking").contains(value);
      default -> value != null && SWITCH.contains(value);
    };
    if (!ok) {
      String valid = switch (name) {
        case "containerInsights" -> "enabled, disabled, enhanced";
        case "fargateTaskRetirementWaitPeriod" -> "0, 7, 14";
        case "defaultLogDriverMode" -> "blocking, non-blocking";
        default -> "enabled, disabled, on, off";
      };
      throw EcsException.invalidParameter("Invalid value '" + value + "' for setting " + name + ". Valid values are "
          + valid + ".");
    }
  }
}
