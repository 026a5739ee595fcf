package io.gantry.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.gantry.agent.runtime.ContainerSpec;
import io.gantry.agent.runtime.GpuSpec;
import io.gantry.agent.runtime.HealthCheckSpec;
import io.gantry.agent.runtime.NetworkSpec;
import io.gantry.agent.runtime.ProcessSpec;
import io.gantry.agent.runtime.ResourceSpec;
import io.gantry.agent.runtime.SecuritySpec;
import io.gantry.agent.runtime.StorageSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerSpecMappingTest {

  private static ContainerSpec spec(NetworkSpec network, SecuritySpec security, StorageSpec storage) {
    return new ContainerSpec("n", "img", Map.of("k", "v"),
        new ProcessSpec(null, null, Map.of(), null, null, true, false, false),
        new ResourceSpec(256, 64L << 20, 32L << 20, 64L << 20, 60, 8L << 20,
            List.of(new ResourceSpec.Ulimit("nofile", 100, 200))),
        network, security, storage,
        new HealthCheckSpec(List.of("CMD", "true"), Duration.ofSeconds(1), Duration.ofSeconds(2), 3,
            Duration.ZERO),
        Duration.ofSeconds(7));
  }

  private static NetworkSpec bridge(NetworkSpec.Port... ports) {
    return new NetworkSpec("bridge", null, false, List.of(ports), List.of(), List.of(), List.of(),
        List.of(new NetworkSpec.ExtraHost("db", "10.0.0.1")));
  }

  private static final SecuritySpec PLAIN = new SecuritySpec(false, false, List.of(), List.of(),
      List.of(), List.of(), Map.of());
  private static final StorageSpec NO_STORAGE = new StorageSpec(List.of(), List.of(), List.of());

  @Test
  void dynamic_ports_get_an_empty_binding_and_static_ones_their_port() {
    HostConfig hc = DockerSpecMapping.hostConfig(spec(bridge(
        new NetworkSpec.Port(80, null, "tcp"), new NetworkSpec.Port(53, 5353, "udp")), PLAIN, NO_STORAGE));
    Map<ExposedPort, Ports.Binding[]> b = hc.getPortBindings().getBindings();
    assertThat(b.get(ExposedPort.tcp(80))[0].getHostPortSpec()).isNull();
    assertThat(b.get(ExposedPort.udp(53))[0].getHostPortSpec()).isEqualTo("5353");
    assertThat(hc.getExtraHosts()).containsExactly("db:10.0.0.1");
  }

  @Test
  void gpus_become_a_device_request_through_the_nvidia_driver_or_the_named_runtime() {
    ContainerSpec plain = spec(bridge(), PLAIN, NO_STORAGE);
    assertThat(DockerSpecMapping.hostConfig(plain).getDeviceRequests()).isNull();
    ResourceSpec r = plain.resources();
    HostConfig requested = DockerSpecMapping.hostConfig(withResources(plain, new ResourceSpec(r.cpuShares(),
        r.memoryBytes(), null, null, null, null, List.of(), null, new GpuSpec(List.of("GPU-1", "GPU-2"), null))));
    assertThat(requested.getDeviceRequests()).singleElement().satisfies(d -> {
      assertThat(d.getDriver()).isEqualTo("nvidia");
      assertThat(d.getDeviceIds()).containsExactly("GPU-1", "GPU-2");
      assertThat(d.getCapabilities()).containsExactly(List.of("gpu"));
    });
    assertThat(requested.getRuntime()).isNull();
    HostConfig runtime = DockerSpecMapping.hostConfig(withResources(plain, new ResourceSpec(r.cpuShares(),
        null, null, null, null, null, List.of(), null, new GpuSpec(List.of("GPU-1"), "nvidia"))));
    assertThat(runtime.getRuntime()).isEqualTo("nvidia");
    assertThat(runtime.getDeviceRequests()).isNull();
  }

  private static ContainerSpec withResources(ContainerSpec s, ResourceSpec r) {
    return new ContainerSpec(s.name(), s.image(), s.labels(), s.process(), r, s.network(), s.security(),
        s.storage(), s.healthCheck(), s.stopTimeout());
  }

  @Test
  void host_mode_publishes_nothing() {
    NetworkSpec host = new NetworkSpec("host", null, false,
        List.of(new NetworkSpec.Port(8080, 8080, "tcp")), List.of(), List.of(), List.of(), List.of());
    HostConfig hc = DockerSpecMapping.hostConfig(spec(host, PLAIN, NO_STORAGE));
    assertThat(hc.getNetworkMode()).isEqualTo("host");
    assertThat(hc.getPortBindings()).isNull();
  }

  @Test
  void resources_security_and_storage_land_in_the_host_config() {
    SecuritySpec sec = new SecuritySpec(false, true, List.of("NET_ADMIN"), List.of("CHOWN"),
        List.of(new SecuritySpec.Device("/dev/null", "/dev/x", "rw")), List.of("no-new-privileges"),
        Map.of());
    StorageSpec st = new StorageSpec(
        List.of(new StorageSpec.Mount(StorageSpec.MountKind.BIND, "/srv", "/data", true)),
        List.of(new StorageSpec.Tmpfs("/scratch", 16, List.of("noexec"))),
        List.of(new StorageSpec.VolumeFrom("abc", true)));
    HostConfig hc = DockerSpecMapping.hostConfig(spec(bridge(), sec, st));
    assertThat(hc.getCpuShares()).isEqualTo(256);
    assertThat(hc.getMemory()).isEqualTo(64L << 20);
    assertThat(hc.getMemoryReservation()).isEqualTo(32L << 20);
    assertThat(hc.getMemorySwap()).isEqualTo(64L << 20);
    assertThat(hc.getShmSize()).isEqualTo(8L << 20);
    assertThat(hc.getUlimits()[0].getName()).isEqualTo("nofile");
    assertThat(hc.getInit()).isTrue();
    assertThat(hc.getReadonlyRootfs()).isTrue();
    assertThat(hc.getPrivileged()).isNull();
    assertThat(hc.getCapAdd()).containsExactly(Capability.NET_ADMIN);
    assertThat(hc.getCapDrop()).containsExactly(Capability.CHOWN);
    assertThat(hc.getDevices()[0].getPathOnHost()).isEqualTo("/dev/null");
    assertThat(hc.getDevices()[0].getPathInContainer()).isEqualTo("/dev/x");
    assertThat(hc.getDevices()[0].getcGroupPermissions()).isEqualTo("rw");
    assertThat(hc.getBinds()[0].getPath()).isEqualTo("/srv");
    assertThat(hc.getBinds()[0].getAccessMode()).isEqualTo(AccessMode.ro);
    assertThat(hc.getTmpFs()).containsEntry("/scratch", "noexec,size=16m");
    assertThat(hc.getVolumesFrom()[0].getContainer()).isEqualTo("abc");
    assertThat(hc.getSecurityOpts()).containsExactly("no-new-privileges");
  }

  @Test
  void unknown_capability_is_an_illegal_argument() {
    SecuritySpec sec = new SecuritySpec(false, false, List.of("FLY"), List.of(), List.of(), List.of(),
        Map.of());
    assertThatThrownBy(() -> DockerSpecMapping.hostConfig(spec(bridge(), sec, NO_STORAGE)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLY");
  }
}
