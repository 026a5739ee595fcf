package io.gantry.model.taskdef;

import static io.gantry.model.taskdef.TaskDefinitionEnums.checkValue;

import io.gantry.model.EcsException;
import java.util.Map;
import java.util.Set;

/**
 * The rules for the nested settings of one container: Linux parameters, ulimits, logging, health
 * check, resource requirements, FireLens, restart policy, dependencies, labels, extra hosts and
 * system controls. Pure.
 */
final class ContainerSettingRules {
  static final int MAX_IGNORED_EXIT_CODES = 50;

  private ContainerSettingRules() {}

  static void check(ContainerDefinition c, Set<String> acceleratorNames) {
    linuxParameters(c);
    ulimits(c);
    logConfiguration(c);
    healthCheck(c);
    resourceRequirements(c, acceleratorNames);
    if (c.firelensConfiguration() != null) {
      Names.required(c.firelensConfiguration().type(), "FirelensConfiguration.type");
      TaskDefinitionEnums.checkValue(c.firelensConfiguration().type(), TaskDefinitionEnums.FIRELENS_TYPE,
          "firelensConfiguration.type");
    }
    restartPolicy(c);
    Names.noNullElements(c.dependsOn(), "dependsOn");
    if (c.dependsOn() != null) {
      for (ContainerDependency d : c.dependsOn()) {
        Names.required(d.containerName(), "ContainerDependency.containerName");
        Names.required(d.condition(), "ContainerDependency.condition");
        checkValue(d.condition(), TaskDefinitionEnums.CONTAINER_CONDITION, "dependsOn.condition");
      }
    }
    if (c.dockerLabels() != null) {
      for (Map.Entry<String, String> label : c.dockerLabels().entrySet()) {
        if (label.getKey() == null || label.getKey().isEmpty()) {
          throw invalid("dockerLabels", c.name(), "Label keys should not be null or empty.");
        }
      }
    }
    Names.noNullElements(c.extraHosts(), "extraHosts");
    if (c.extraHosts() != null) {
      for (HostEntry h : c.extraHosts()) {
        Names.required(h.hostname(), "HostEntry.hostname");
        Names.required(h.ipAddress(), "HostEntry.ipAddress");
      }
    }
    Names.noNullElements(c.systemControls(), "systemControls");
  }

  private static void linuxParameters(ContainerDefinition c) {
    LinuxParameters lp = c.linuxParameters();
    if (lp == null) {
      return;
    }
    if (lp.capabilities() != null) {
      Names.noNullElements(lp.capabilities().add(), "linuxParameters.capabilities.add");
      Names.noNullElements(lp.capabilities().drop(), "linuxParameters.capabilities.drop");
    }
    Names.noNullElements(lp.devices(), "linuxParameters.devices");
    if (lp.devices() != null) {
      for (Device d : lp.devices()) {
        Names.required(d.hostPath(), "Device.hostPath");
        Names.noNullElements(d.permissions(), "linuxParameters.devices.permissions");
        if (d.permissions() != null) {
          d.permissions().forEach(p -> checkValue(p, TaskDefinitionEnums.DEVICE_PERMISSION, "devices.permissions"));
        }
      }
    }
    Names.noNullElements(lp.tmpfs(), "linuxParameters.tmpfs");
    if (lp.tmpfs() != null) {
      for (Tmpfs t : lp.tmpfs()) {
        Names.required(t.containerPath(), "Tmpfs.containerPath");
        Names.required(t.size(), "Tmpfs.size");
        if (t.size() <= 0) {
          throw invalid("linuxParameters", c.name(), "The tmpfs size must be greater than 0.");
        }
      }
    }
    if (lp.sharedMemorySize() != null && lp.sharedMemorySize() <= 0) {
      throw invalid("linuxParameters", c.name(), "'sharedMemorySize' must be greater than 0.");
    }
    if (lp.maxSwap() != null && lp.maxSwap() < 0) {
      throw invalid("linuxParameters", c.name(), "'maxSwap' must be 0 or greater.");
    }
    if (lp.swappiness() != null && (lp.swappiness() < 0 || lp.swappiness() > 100)) {
      throw invalid("linuxParameters", c.name(), "'swappiness' must be between 0 and 100.");
    }
  }

  private static void ulimits(ContainerDefinition c) {
    Names.noNullElements(c.ulimits(), "ulimits");
    if (c.ulimits() == null) {
      return;
    }
    for (Ulimit u : c.ulimits()) {
      Names.required(u.name(), "Ulimit.name");
      checkValue(u.name(), TaskDefinitionEnums.ULIMIT_NAME, "ulimits.name");
      Names.required(u.softLimit(), "Ulimit.softLimit");
      Names.required(u.hardLimit(), "Ulimit.hardLimit");
      if (u.softLimit() > u.hardLimit()) {
        throw invalid("ulimits", c.name(), "The soft limit of '" + u.name() + "' is greater than its hard limit.");
      }
    }
  }

  private static void logConfiguration(ContainerDefinition c) {
    LogConfiguration log = c.logConfiguration();
    if (log == null) {
      return;
    }
    Names.required(log.logDriver(), "LogConfiguration.logDriver");
    checkValue(log.logDriver(), TaskDefinitionEnums.LOG_DRIVER, "logConfiguration.logDriver");
    Names.noNullElements(log.secretOptions(), "logConfiguration.secretOptions");
    if (log.secretOptions() != null) {
      log.secretOptions().forEach(ContainerRules::secret);
    }
  }

  private static void healthCheck(ContainerDefinition c) {
    HealthCheck hc = c.healthCheck();
    if (hc == null) {
      return;
    }
    if (Names.isEmpty(hc.command())) {
      throw EcsException.client("HealthCheck.command should not be null or empty.");
    }
    Names.noNullElements(hc.command(), "healthCheck.command");
    range(c, "interval", hc.interval(), 5, 300);
    range(c, "timeout", hc.timeout(), 2, 120);
    range(c, "retries", hc.retries(), 1, 10);
    range(c, "startPeriod", hc.startPeriod(), 0, 300);
  }

  private static void range(ContainerDefinition c, String member, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw invalid("healthCheck", c.name(), "'" + member + "' must be between " + min + " and " + max + ".");
    }
  }

  private static void resourceRequirements(ContainerDefinition c, Set<String> acceleratorNames) {
    Names.noNullElements(c.resourceRequirements(), "resourceRequirements");
    if (c.resourceRequirements() == null) {
      return;
    }
    for (ResourceRequirement r : c.resourceRequirements()) {
      Names.required(r.type(), "ResourceRequirement.type");
      Names.required(r.value(), "ResourceRequirement.value");
      checkValue(r.type(), TaskDefinitionEnums.RESOURCE_TYPE, "resourceRequirements.type");
      if ("GPU".equals(r.type()) && !r.value().matches("[1-9]\\d{0,3}")) {
        throw invalid("resourceRequirements", c.name(), "The GPU value must be a positive whole number.");
      }
      if ("InferenceAccelerator".equals(r.type()) && !acceleratorNames.contains(r.value())) {
        throw invalid("resourceRequirements", c.name(),
            "The inference accelerator '" + r.value() + "' is not declared by the task definition.");
      }
    }
  }

  private static void restartPolicy(ContainerDefinition c) {
    ContainerRestartPolicy policy = c.restartPolicy();
    if (policy == null) {
      return;
    }
    Names.required(policy.enabled(), "ContainerRestartPolicy.enabled");
    Names.noNullElements(policy.ignoredExitCodes(), "restartPolicy.ignoredExitCodes");
    if (policy.ignoredExitCodes() != null && policy.ignoredExitCodes().size() > MAX_IGNORED_EXIT_CODES) {
      throw invalid("restartPolicy", c.name(), "At most 50 exit codes can be ignored.");
    }
    Integer period = policy.restartAttemptPeriod();
    if (period != null && (period < 60 || period > 1800)) {
      throw invalid("restartPolicy", c.name(), "'restartAttemptPeriod' must be between 60 and 1800.");
    }
  }

  static EcsException invalid(String member, String container, String detail) {
    return EcsException.client("Invalid '" + member + "' setting for container '" + container + "'. " + detail);
  }
}
