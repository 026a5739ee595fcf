package io.gantry.agent.runtime;

import static io.gantry.agent.runtime.ContainerDefinitionBuilder.container;
import static io.gantry.agent.runtime.Specs.IMAGE;
import static io.gantry.agent.runtime.Specs.refusal;
import static io.gantry.agent.runtime.Specs.spec;
import static io.gantry.agent.runtime.TaskContexts.TASK_ARN;
import static io.gantry.agent.runtime.TaskContexts.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.model.taskdef.HostEntry;
import io.gantry.model.taskdef.PortMapping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The translator's networking: modes, static/assigned/dynamic ports, ranges, links, DNS. */
class NetworkSpecsTest {
  @Test
  void static_port_in_bridge_mode_keeps_its_host_port() {
    NetworkSpec n = spec(container("app", IMAGE)
        .portMappings(List.of(new PortMapping(80, 8080, "tcp", null, null, null))).build()).network();
    assertThat(n.mode()).isEqualTo("bridge");
    assertThat(n.ports()).containsExactly(new NetworkSpec.Port(80, 8080, "tcp"));
  }


  @Test
  void dynamic_port_in_bridge_mode_leaves_the_host_port_to_the_runtime() {
    NetworkSpec n = spec(container("app", IMAGE).portMappings(List.of(
        new PortMapping(80, 0, null, null, null, null),
        new PortMapping(53, null, "udp", null, null, null))).build()).network();
    assertThat(n.ports()).containsExactly(
        new NetworkSpec.Port(80, null, "tcp"), new NetworkSpec.Port(53, null, "udp"));
  }


  @Test
  void host_port_assigned_by_the_control_plane_wins() {
    TaskContext t = new TaskContext(TASK_ARN, "default", "web", 3, "bridge", List.of(),
        Map.of(new TaskContext.PortKey("app", 80, "tcp"), 49153), Map.of(), AgentPolicy.defaults());
    NetworkSpec n = spec(t, container("app", IMAGE)
        .portMappings(List.of(new PortMapping(80, 0, "tcp", null, null, null))).build()).network();
    assertThat(n.ports()).containsExactly(new NetworkSpec.Port(80, 49153, "tcp"));
  }


  @Test
  void port_range_expands_to_dynamic_ports() {
    NetworkSpec n = spec(container("app", IMAGE).portMappings(List.of(
        new PortMapping(null, null, "tcp", null, null, "9000-9002"))).build()).network();
    assertThat(n.ports()).extracting(NetworkSpec.Port::containerPort).containsExactly(9000, 9001, 9002);
    assertThat(n.ports()).extracting(NetworkSpec.Port::hostPort).containsOnlyNulls();
  }


  @Test
  void host_mode_publishes_the_container_port_itself() {
    NetworkSpec n = spec(task("host"), container("app", IMAGE)
        .portMappings(List.of(new PortMapping(8080, null, "tcp", null, null, null))).build()).network();
    assertThat(n.mode()).isEqualTo("host");
    assertThat(n.ports()).containsExactly(new NetworkSpec.Port(8080, 8080, "tcp"));
    assertThat(refusal(task("host"), container("app", IMAGE)
        .portMappings(List.of(new PortMapping(8080, 9090, "tcp", null, null, null))).build()))
        .contains("hostPort must equal containerPort");
  }


  @Test
  void none_mode_has_no_ports_and_refuses_port_mappings() {
    assertThat(spec(task("none"), container("app", IMAGE).build()).network().mode()).isEqualTo("none");
    assertThat(refusal(task("none"), container("app", IMAGE)
        .portMappings(List.of(new PortMapping(80, null, "tcp", null, null, null))).build()))
        .contains("not supported in network mode none");
  }


  @Test
  void absent_network_mode_is_bridge_and_awsvpc_publishes_nothing() {
    assertThat(spec(task(null), container("app", IMAGE).build()).network().mode()).isEqualTo("bridge");
    NetworkSpec awsvpc = spec(task("awsvpc"), container("app", IMAGE)
        .portMappings(List.of(new PortMapping(80, null, "tcp", null, null, null))).build()).network();
    assertThat(awsvpc.mode()).isEqualTo("awsvpc"); // the engine points it at the task's pause container
    assertThat(awsvpc.ports()).isEmpty(); // reached on the task's own address
    assertThat(refusal(task("awsvpc"), container("app", IMAGE).links(List.of("db")).build()))
        .contains("links are supported only in bridge network mode");
    assertThat(refusal(task("nat"), container("app", IMAGE).build())).contains("network mode nat is not supported");
  }


  @Test
  void links_resolve_to_runtime_ids_with_the_alias_defaulting_to_the_name() {
    TaskContext t = task("bridge").withRuntimeId("db", "id-db").withRuntimeId("cache", "id-cache");
    NetworkSpec n = spec(t, container("app", IMAGE).links(List.of("db:database", "cache")).build())
        .network();
    assertThat(n.links()).containsExactly(
        new NetworkSpec.Link("id-db", "database"), new NetworkSpec.Link("id-cache", "cache"));
  }


  @Test
  void link_to_a_container_not_created_yet_is_refused() {
    assertThat(refusal(task("bridge"), container("app", IMAGE).links(List.of("db")).build()))
        .contains("links to db, which has not been created");
  }


  @Test
  void links_outside_bridge_mode_are_refused() {
    assertThat(refusal(task("host").withRuntimeId("db", "x"),
        container("app", IMAGE).links(List.of("db")).build())).contains("only in bridge");
  }


  @Test
  void dns_servers_search_domains_and_extra_hosts_are_passed_through() {
    NetworkSpec n = spec(container("app", IMAGE).dnsServers(List.of("10.0.0.2"))
        .dnsSearchDomains(List.of("example.internal"))
        .extraHosts(List.of(new HostEntry("db.local", "10.1.2.3"))).build()).network();
    assertThat(n.dnsServers()).containsExactly("10.0.0.2");
    assertThat(n.dnsSearchDomains()).containsExactly("example.internal");
    assertThat(n.extraHosts()).containsExactly(new NetworkSpec.ExtraHost("db.local", "10.1.2.3"));
  }


  @Test
  void disable_networking_is_passed_through() {
    assertThat(spec(container("app", IMAGE).disableNetworking(true).build()).network().disabled())
        .isTrue();
  }
}
