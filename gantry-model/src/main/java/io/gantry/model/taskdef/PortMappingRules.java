package io.gantry.model.taskdef;

import static io.gantry.model.taskdef.TaskDefinitionEnums.checkValue;

import io.gantry.model.EcsException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The port mapping rules of one container: ports in 1–65535, a port or a port range, host ports
 * equal to container ports (or omitted) in {@code awsvpc} and {@code host} mode, protocol and
 * application protocol values, mapping names, and no container port mapped twice. Pure.
 */
final class PortMappingRules {
  private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");
  private static final Pattern MAPPING_NAME = Pattern.compile("[a-z0-9_][a-z0-9_-]{0,63}");
  static final int MAX_PORT = 65_535;

  private PortMappingRules() {}

  /** Checks the port mappings of {@code c} for a task in {@code networkMode} (null: the default). */
  static void check(ContainerDefinition c, String networkMode) {
    List<PortMapping> mappings = c.portMappings();
    if (mappings == null) {
      return;
    }
    Names.noNullElements(mappings, "portMappings");
    Set<Integer> containerPorts = new HashSet<>();
    for (PortMapping pm : mappings) {
      checkValue(pm.protocol(), TaskDefinitionEnums.TRANSPORT_PROTOCOL, "portMappings.protocol");
      checkValue(pm.appProtocol(), TaskDefinitionEnums.APPLICATION_PROTOCOL, "portMappings.appProtocol");
      if (pm.containerPortRange() != null) {
        range(c.name(), pm, networkMode);
      } else if (pm.containerPort() == null || pm.containerPort() < 1 || pm.containerPort() > MAX_PORT) {
        throw Names.invalidSetting("containerPort", c.name());
      }
      if (pm.hostPort() != null && (pm.hostPort() < 0 || pm.hostPort() > MAX_PORT)) {
        throw Names.invalidSetting("hostPort", c.name());
      }
      boolean sameNamespace = "awsvpc".equals(networkMode) || "host".equals(networkMode);
      if (sameNamespace && pm.hostPort() != null && pm.hostPort() != 0
          && !pm.hostPort().equals(pm.containerPort())) {
        throw EcsException.client("When networkMode=" + networkMode
            + ", the host ports and container ports in port mappings must match.");
      }
      if (pm.name() != null && !MAPPING_NAME.matcher(pm.name()).matches()) {
        throw Names.invalidSetting("portMappings.name", c.name());
      }
      if (pm.containerPort() != null && !containerPorts.add(pm.containerPort())) {
        throw EcsException.client("Container port " + pm.containerPort()
            + " is mapped more than once in container '" + c.name() + "'.");
      }
    }
  }

  private static void range(String container, PortMapping pm, String networkMode) {
    if (pm.containerPort() != null) {
      throw EcsException.client("Invalid port mapping for container '" + container
          + "'. Specify either 'containerPort' or 'containerPortRange', not both.");
    }
    Matcher m = RANGE.matcher(pm.containerPortRange());
    if (!m.matches()) {
      throw Names.invalidSetting("containerPortRange", container);
    }
    int start = Integer.parseInt(m.group(1));
    int end = Integer.parseInt(m.group(2));
    if (start < 1 || end > MAX_PORT || start >= end) {
      throw Names.invalidSetting("containerPortRange", container);
    }
    if (pm.hostPort() != null) {
      throw Names.invalidSetting("hostPort", container);
    }
    if (networkMode != null && !"bridge".equals(networkMode) && !"awsvpc".equals(networkMode)) {
      throw EcsException.client(
          "Container port ranges are supported only when networkMode=bridge or networkMode=awsvpc.");
    }
  }
}
