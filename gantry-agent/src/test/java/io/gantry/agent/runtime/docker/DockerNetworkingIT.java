package io.gantry.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.agent.runtime.NetworkBinding;
import io.gantry.agent.runtime.TaskContext;
import io.gantry.model.taskdef.HostEntry;
import io.gantry.model.taskdef.PortMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Networking parameters on the real Engine: static and dynamic host ports (tcp, udp) reachable on
 * localhost, bridge/host/none modes, links, DNS and extra hosts.
 */
class DockerNetworkingIT extends DockerItSupport {
  @ConcurrentTest
  void static_host_port_is_reachable_on_localhost() throws IOException {
    int port = freePort();
    String id = start(bridge(), busybox("web").shell(String.format(HTTPD, 8080))
        .portMappings(List.of(new PortMapping(8080, port, "tcp", null, null, null))));
    assertThat(httpGet(port)).contains("served-by-gantry");
    assertThat(runtime.inspect(id).orElseThrow().networkBindings())
        .contains(new NetworkBinding("0.0.0.0", 8080, port, "tcp"));
  }

  @ConcurrentTest
  void dynamic_host_port_comes_from_the_ephemeral_range_and_is_reachable() throws IOException {
    String id = start(bridge(), busybox("web").shell(String.format(HTTPD, 8080))
        .portMappings(List.of(new PortMapping(8080, 0, "tcp", null, null, null),
            new PortMapping(5353, null, "udp", null, null, null))));
    List<NetworkBinding> bindings = runtime.inspect(id).orElseThrow().networkBindings();
    String[] range;
    try (var in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      range = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
    }
    NetworkBinding tcp = bindings.stream()
        .filter(b -> b.protocol().equals("tcp") && b.bindIp().equals("0.0.0.0")).findFirst()
        .orElseThrow();
    assertThat(tcp.containerPort()).isEqualTo(8080);
    assertThat(tcp.hostPort()).isBetween(Integer.parseInt(range[0]), Integer.parseInt(range[1]));
    assertThat(httpGet(tcp.hostPort())).contains("served-by-gantry");
    assertThat(bindings).anySatisfy(b -> {
      assertThat(b.protocol()).isEqualTo("udp");
      assertThat(b.containerPort()).isEqualTo(5353);
      assertThat(b.hostPort()).isPositive();
    });
  }

  @ConcurrentTest
  void host_network_mode_shares_the_host_network() throws IOException {
    int port = freePort();
    String id = start(task("host"), busybox("web").shell(String.format(HTTPD, port))
        .portMappings(List.of(new PortMapping(port, port, "tcp", null, null, null))));
    assertThat(httpGet(port)).contains("served-by-gantry");
    assertThat(raw(id).getHostConfig().getNetworkMode()).isEqualTo("host");
    assertThat(runtime.inspect(id).orElseThrow().networkBindings())
        .containsExactly(new NetworkBinding("0.0.0.0", port, port, "tcp"));
  }

  @ConcurrentTest
  void none_network_mode_has_only_loopback() {
    Finished f = runToEnd(task("none"), busybox("app").shell("echo ifaces=$(ls /sys/class/net)"));
    assertThat(f.output()).contains("ifaces=lo").doesNotContain("eth0");
  }

  @ConcurrentTest
  void links_make_the_other_container_reachable_by_alias() {
    TaskContext task = bridge();
    String db = start(task, busybox("db").command("sleep", "30"));
    Finished f = runToEnd(task.withRuntimeId("db", db), busybox("app").links(List.of("db:database"))
        .shell("grep -w database /etc/hosts && ping -c 1 -W 2 database > /dev/null && echo pinged"));
    assertThat(f.output()).contains("database").contains("pinged");
  }

  @ConcurrentTest
  void dns_servers_search_domains_and_extra_hosts_are_written() {
    Finished f = runToEnd(busybox("app").dnsServers(List.of("10.0.0.2"))
        .dnsSearchDomains(List.of("example.internal"))
        .extraHosts(List.of(new HostEntry("db.local", "10.1.2.3")))
        .shell("cat /etc/resolv.conf /etc/hosts"));
    assertThat(f.output()).contains("nameserver 10.0.0.2").contains("search example.internal")
        .containsPattern("10\\.1\\.2\\.3\\s+db\\.local");
  }
}
