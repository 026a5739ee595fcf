package io.gantry.agent.runtime;

import java.util.List;
import java.util.Objects;

/**
 * The container's networking: Docker network mode ({@code bridge}, {@code host}, {@code none}),
 * hostname, whether networking is disabled, published ports, links to other containers of the
 * task, DNS servers and search domains, and extra {@code /etc/hosts} entries.
 */
public record NetworkSpec(
    String mode,
    String hostname,
    boolean disabled,
    List<Port> ports,
    List<Link> links,
    List<String> dnsServers,
    List<String> dnsSearchDomains,
    List<ExtraHost> extraHosts) {

  public static final String BRIDGE = "bridge";
  public static final String HOST = "host";
  public static final String NONE = "none";
  /** An awsvpc task's container, before the engine points it at its task's pause container. */
  public static final String AWSVPC = "awsvpc";

  public NetworkSpec {
    Objects.requireNonNull(mode, "mode");
    ports = Copies.list(ports);
    links = Copies.list(links);
    dnsServers = Copies.list(dnsServers);
    dnsSearchDomains = Copies.list(dnsSearchDomains);
    extraHosts = Copies.list(extraHosts);
  }

  /**
   * A published container port; {@code hostPort} null means the runtime picks one from its
   * ephemeral range. {@code protocol} is {@code tcp} or {@code udp}.
   */
  public record Port(int containerPort, Integer hostPort, String protocol) {
    public Port {
      Objects.requireNonNull(protocol, "protocol");
    }
  }

  /** A link to another container of the task, reachable under {@code alias}. */
  public record Link(String runtimeId, String alias) {
    public Link {
      Objects.requireNonNull(runtimeId, "runtimeId");
      Objects.requireNonNull(alias, "alias");
    }
  }

  /** An {@code /etc/hosts} line. */
  public record ExtraHost(String hostname, String ipAddress) {
    public ExtraHost {
      Objects.requireNonNull(hostname, "hostname");
      Objects.requireNonNull(ipAddress, "ipAddress");
    }
  }
}
