package io.gantry.agent.runtime.docker;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.ContainerStatus;
import io.gantry.agent.runtime.ContainerSummary;
import io.gantry.agent.runtime.HealthStatus;
import io.gantry.agent.runtime.NetworkBinding;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps the Engine's inspect and list answers to runtime values. Pure. */
final class DockerStateMapping {
  /** The Engine writes this zero time for "never". */
  private static final Instant DOCKER_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private DockerStateMapping() {}

  static ContainerState state(InspectContainerResponse r) {
    InspectContainerResponse.ContainerState s = r.getState();
    ContainerStatus status = status(s.getStatus());
    Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null
        ? Map.of()
        : r.getConfig().getLabels();
    String error = s.getError() == null || s.getError().isEmpty() ? null : s.getError();
    return new ContainerState(
        r.getId(),
        stripSlash(r.getName()),
        r.getConfig() == null ? null : r.getConfig().getImage(),
        status,
        status == ContainerStatus.STOPPED && s.getExitCodeLong() != null
            ? (int) s.getExitCodeLong().longValue()
            : null,
        health(s.getHealth()),
        time(s.getStartedAt()),
        status == ContainerStatus.STOPPED ? time(s.getFinishedAt()) : null,
        bindings(r),
        Boolean.TRUE.equals(s.getOOMKilled()),
        error,
        labels);
  }

  static ContainerSummary summary(Container c) {
    String name = c.getNames() == null || c.getNames().length == 0 ? null : stripSlash(c.getNames()[0]);
    return new ContainerSummary(c.getId(), name, c.getImage(), status(c.getState()),
        c.getLabels() == null ? Map.of() : c.getLabels());
  }

  static ContainerStatus status(String dockerStatus) {
    if (dockerStatus == null) {
      return ContainerStatus.STOPPED;
    }
    return switch (dockerStatus.toLowerCase(Locale.ROOT)) {
      case "created" -> ContainerStatus.CREATED;
      case "running", "paused", "restarting" -> ContainerStatus.RUNNING;
      default -> ContainerStatus.STOPPED; // exited, dead, removing
    };
  }

  static HealthStatus health(HealthState h) {
    return h == null ? HealthStatus.NONE : health(h.getStatus());
  }

  static HealthStatus health(String status) {
    if (status == null) {
      return HealthStatus.NONE;
    }
    return switch (status.trim().toLowerCase(Locale.ROOT)) {
      case "healthy" -> HealthStatus.HEALTHY;
      case "unhealthy" -> HealthStatus.UNHEALTHY;
      case "starting" -> HealthStatus.STARTING;
      default -> HealthStatus.NONE;
    };
  }

  static Instant time(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      Instant t = Instant.parse(text);
      return t.equals(DOCKER_ZERO_TIME) ? null : t;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Published ports as bound. In host mode nothing is published (the container's ports are the
   * host's), so the exposed ports are reported as bound to themselves, as ECS does.
   */
  static List<NetworkBinding> bindings(InspectContainerResponse r) {
    List<NetworkBinding> out = new ArrayList<>();
    boolean hostMode = r.getHostConfig() != null && "host".equals(r.getHostConfig().getNetworkMode());
    if (hostMode) {
      ExposedPort[] exposed = r.getConfig() == null ? null : r.getConfig().getExposedPorts();
      if (exposed != null) {
        for (ExposedPort p : exposed) {
          out.add(new NetworkBinding("0.0.0.0", p.getPort(), p.getPort(), protocol(p)));
        }
      }
    } else if (r.getNetworkSettings() != null && r.getNetworkSettings().getPorts() != null) {
      for (Map.Entry<ExposedPort, Ports.Binding[]> e :
          r.getNetworkSettings().getPorts().getBindings().entrySet()) {
        if (e.getValue() == null) {
          continue;
        }
        for (Ports.Binding b : e.getValue()) {
          Integer hostPort = parsePort(b.getHostPortSpec());
          if (hostPort != null) {
            String ip = b.getHostIp() == null || b.getHostIp().isEmpty() ? "0.0.0.0" : b.getHostIp();
            out.add(new NetworkBinding(ip, e.getKey().getPort(), hostPort, protocol(e.getKey())));
          }
        }
      }
    }
    out.sort(Comparator.comparingInt(NetworkBinding::containerPort)
        .thenComparing(NetworkBinding::protocol)
        .thenComparing(NetworkBinding::bindIp));
    return out;
  }

  private static String protocol(ExposedPort p) {
    return p.getProtocol() == null ? "tcp" : p.getProtocol().name().toLowerCase(Locale.ROOT);
  }

  private static Integer parsePort(String spec) {
    if (spec == null || spec.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(spec);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String stripSlash(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : name;
  }
}
