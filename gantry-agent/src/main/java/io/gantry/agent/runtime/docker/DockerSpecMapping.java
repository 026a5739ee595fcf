package io.gantry.agent.runtime.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Link;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumesFrom;
import io.gantry.agent.runtime.ContainerSpec;
import io.gantry.agent.runtime.GpuSpec;
import io.gantry.agent.runtime.HealthCheckSpec;
import io.gantry.agent.runtime.NetworkSpec;
import io.gantry.agent.runtime.ProcessSpec;
import io.gantry.agent.runtime.ResourceSpec;
import io.gantry.agent.runtime.SecuritySpec;
import io.gantry.agent.runtime.StorageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fills a docker-java create request from a {@link ContainerSpec}: container config (name,
 * labels, process, hostname, exposed ports, health check, stop timeout) and host config
 * (network, resources, security, storage). Empty lists are left unset so the Engine's defaults
 * apply. Throws IllegalArgumentException for a value Docker cannot express (an unknown
 * capability). Pure apart from mutating the request.
 */
final class DockerSpecMapping {
  private DockerSpecMapping() {}

  static CreateContainerCmd apply(CreateContainerCmd cmd, ContainerSpec spec) {
    ProcessSpec p = spec.process();
    NetworkSpec n = spec.network();
    cmd.withName(spec.name()).withLabels(spec.labels());
    if (p.entryPoint() != null) {
      cmd.withEntrypoint(p.entryPoint());
    }
    if (p.command() != null) {
      cmd.withCmd(p.command());
    }
    List<String> env = new ArrayList<>();
    p.environment().forEach((k, v) -> env.add(k + "=" + v));
    if (!env.isEmpty()) {
      cmd.withEnv(env);
    }
    if (p.workingDirectory() != null) {
      cmd.withWorkingDir(p.workingDirectory());
    }
    if (p.user() != null) {
      cmd.withUser(p.user());
    }
    if (p.interactive()) {
      cmd.withStdinOpen(true);
    }
    if (p.pseudoTerminal()) {
      cmd.withTty(true);
    }
    if (n.hostname() != null) {
      cmd.withHostName(n.hostname());
    }
    if (n.disabled()) {
      cmd.withNetworkDisabled(true);
    }
    List<ExposedPort> exposed = new ArrayList<>(new LinkedHashSet<>(
        n.ports().stream().map(DockerSpecMapping::exposedPort).toList()));
    if (!exposed.isEmpty()) {
      cmd.withExposedPorts(exposed);
    }
    if (spec.healthCheck() != null) {
      cmd.withHealthcheck(healthCheck(spec.healthCheck()));
    }
    cmd.withStopTimeout((int) Math.min(Integer.MAX_VALUE, spec.stopTimeout().toSeconds()));
    return cmd.withHostConfig(hostConfig(spec));
  }

  static HostConfig hostConfig(ContainerSpec spec) {
    NetworkSpec n = spec.network();
    ResourceSpec r = spec.resources();
    SecuritySpec s = spec.security();
    StorageSpec st = spec.storage();
    HostConfig hc = HostConfig.newHostConfig().withNetworkMode(n.mode());
    if (!NetworkSpec.HOST.equals(n.mode()) && !n.ports().isEmpty()) {
      Ports ports = new Ports();
      for (NetworkSpec.Port port : n.ports()) {
        ports.bind(exposedPort(port), port.hostPort() == null
            ? Ports.Binding.empty()
            : Ports.Binding.bindPort(port.hostPort()));
      }
      hc.withPortBindings(ports);
    }
    ifAny(n.links(), l -> hc.withLinks(
        l.stream().map(k -> new Link(k.runtimeId(), k.alias())).toList()));
    ifAny(n.dnsServers(), hc::withDns);
    ifAny(n.dnsSearchDomains(), hc::withDnsSearch);
    if (!n.extraHosts().isEmpty()) {
      hc.withExtraHosts(n.extraHosts().stream()
          .map(h -> h.hostname() + ":" + h.ipAddress()).toArray(String[]::new));
    }
    hc.withCpuShares(r.cpuShares())
        .withMemory(r.memoryBytes())
        .withMemoryReservation(r.memoryReservationBytes())
        .withMemorySwap(r.memorySwapBytes())
        .withMemorySwappiness(r.memorySwappiness() == null ? null : r.memorySwappiness().longValue())
        .withShmSize(r.sharedMemoryBytes());
    if (r.cgroupParent() != null) {
      hc.withCgroupParent(r.cgroupParent());
    }
    if (r.gpus() != null) {
      gpus(hc, r.gpus());
    }
    ifAny(r.ulimits(), u -> hc.withUlimits(
        u.stream().map(x -> new Ulimit(x.name(), x.soft(), x.hard())).toList()));
    hc.withPrivileged(s.privileged() ? Boolean.TRUE : null)
        .withReadonlyRootfs(s.readonlyRootFilesystem() ? Boolean.TRUE : null)
        .withSysctls(s.sysctls().isEmpty() ? null : s.sysctls());
    ifAny(s.securityOptions(), hc::withSecurityOpts);
    ifAny(s.devices(), d -> hc.withDevices(d.stream()
        .map(x -> new Device(x.permissions(), x.containerPath(), x.hostPath())).toList()));
    if (!s.capabilitiesAdded().isEmpty()) {
      hc.withCapAdd(capabilities(s.capabilitiesAdded()));
    }
    if (!s.capabilitiesDropped().isEmpty()) {
      hc.withCapDrop(capabilities(s.capabilitiesDropped()));
    }
    if (spec.process().init()) {
      hc.withInit(true);
    }
    ifAny(st.mounts(), m -> hc.withBinds(m.stream().map(x -> new Bind(x.source(),
        new Volume(x.containerPath()), x.readOnly() ? AccessMode.ro : AccessMode.rw)).toList()));
    ifAny(st.volumesFrom(), v -> hc.withVolumesFrom(v.stream().map(x -> new VolumesFrom(
        x.runtimeId(), x.readOnly() ? AccessMode.ro : AccessMode.rw)).toList()));
    if (!st.tmpfs().isEmpty()) {
      Map<String, String> tmpfs = new LinkedHashMap<>();
      for (StorageSpec.Tmpfs t : st.tmpfs()) {
        tmpfs.put(t.containerPath(), tmpfsOptions(t));
      }
      hc.withTmpFs(tmpfs);
    }
    return hc;
  }

  /** The ECS agent's form: the mount options, then {@code size=<n>m}. */
  static String tmpfsOptions(StorageSpec.Tmpfs t) {
    List<String> options = new ArrayList<>(t.mountOptions());
    if (t.sizeMiB() != null) {
      options.add("size=" + t.sizeMiB() + "m");
    }
    return String.join(",", options);
  }

  private static ExposedPort exposedPort(NetworkSpec.Port port) {
    return new ExposedPort(port.containerPort(), InternetProtocol.parse(port.protocol()));
  }

  private static HealthCheck healthCheck(HealthCheckSpec h) {
    return new HealthCheck()
        .withTest(h.test())
        .withInterval(h.interval().toNanos())
        .withTimeout(h.timeout().toNanos())
        .withRetries(h.retries())
        .withStartPeriod(h.startPeriod().toNanos());
  }

  private static Capability[] capabilities(List<String> names) {
    Capability[] caps = new Capability[names.size()];
    for (int i = 0; i < caps.length; i++) {
      try {
        caps[i] = Capability.valueOf(names.get(i).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown Linux capability " + names.get(i));
      }
    }
    return caps;
  }

  /** docker-java's list setters reject null, so empty lists are simply not set. */
  private static <T> void ifAny(List<T> list, Consumer<List<T>> set) {
    if (!list.isEmpty()) {
      set.accept(list);
    }
  }

  /**
   * Pins the container's GPUs: a device request for exactly these ids through the nvidia driver,
   * or the named runtime, which reads {@code NVIDIA_VISIBLE_DEVICES} from the environment.
   */
  private static void gpus(HostConfig hc, GpuSpec gpus) {
    if (gpus.runtime() != null) {
      hc.withRuntime(gpus.runtime());
      return;
    }
    hc.withDeviceRequests(List.of(new DeviceRequest()
        .withDriver(GpuSpec.DRIVER)
        .withDeviceIds(gpus.deviceIds())
        .withCapabilities(List.of(List.of("gpu")))));
  }
}
