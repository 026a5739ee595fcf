package io.gantry.model.taskdef;

import java.util.ArrayList;
import java.util.List;

/**
 * The values ECS fills in when it registers a task definition, so Describe shows them: task
 * {@code cpu}/{@code memory} as numeric strings, empty {@code volumes} and
 * {@code placementConstraints}; per container {@code cpu: 0}, {@code essential: true}, empty
 * {@code portMappings}, {@code environment}, {@code mountPoints}, {@code volumesFrom} and
 * {@code systemControls}; per port mapping {@code protocol: tcp} and, in {@code awsvpc} and
 * {@code host} mode, {@code hostPort} equal to {@code containerPort}; per health check
 * {@code interval: 30}, {@code timeout: 5}, {@code retries: 3}. Everything the user gave is kept
 * as given. Applied once, at registration. Pure.
 */
public final class RegistrationDefaults {
  public static final int HEALTH_CHECK_INTERVAL = 30;
  public static final int HEALTH_CHECK_TIMEOUT = 5;
  public static final int HEALTH_CHECK_RETRIES = 3;

  private RegistrationDefaults() {}

  /** {@code td} (already validated) with ECS's defaults filled in and its task size normalised. */
  public static TaskDefinition apply(TaskDefinition td, TaskSize size) {
    List<ContainerDefinition> containers = new ArrayList<>();
    for (ContainerDefinition c : td.containerDefinitions()) {
      containers.add(apply(c, td.networkMode()));
    }
    return td.withFilledIn(containers, orEmpty(td.volumes()), td.requiresAttributes(),
        orEmpty(td.placementConstraints()), td.compatibilities(), size.cpuText(), size.memoryText());
  }

  static ContainerDefinition apply(ContainerDefinition c, String networkMode) {
    List<PortMapping> portMappings = new ArrayList<>();
    for (PortMapping pm : orEmpty(c.portMappings())) {
      portMappings.add(apply(pm, networkMode));
    }
    return c.withFilledIn(
        c.cpu() == null ? 0 : c.cpu(),
        portMappings,
        c.essential() == null ? Boolean.TRUE : c.essential(),
        orEmpty(c.environment()),
        orEmpty(c.mountPoints()),
        orEmpty(c.volumesFrom()),
        apply(c.healthCheck()),
        orEmpty(c.systemControls()));
  }

  private static PortMapping apply(PortMapping pm, String networkMode) {
    boolean sameNamespace = "awsvpc".equals(networkMode) || "host".equals(networkMode);
    Integer hostPort = pm.hostPort();
    if (sameNamespace && pm.containerPort() != null && (hostPort == null || hostPort == 0)) {
      hostPort = pm.containerPort();
    }
    String protocol = pm.protocol() == null ? "tcp" : pm.protocol();
    return new PortMapping(pm.containerPort(), hostPort, protocol, pm.name(), pm.appProtocol(),
        pm.containerPortRange());
  }

  private static HealthCheck apply(HealthCheck hc) {
    if (hc == null) {
      return null;
    }
    return new HealthCheck(hc.command(),
        hc.interval() == null ? HEALTH_CHECK_INTERVAL : hc.interval(),
        hc.timeout() == null ? HEALTH_CHECK_TIMEOUT : hc.timeout(),
        hc.retries() == null ? HEALTH_CHECK_RETRIES : hc.retries(),
        hc.startPeriod());
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
