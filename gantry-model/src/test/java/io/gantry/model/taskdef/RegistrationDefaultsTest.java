package io.gantry.model.taskdef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The values ECS fills in at registration, and that it keeps everything the user gave. */
class RegistrationDefaultsTest {

  @Test
  void fillsContainerDefaults() {
    TaskDefinition td = Defs.prepare("{family: 'sleep360', containerDefinitions: [{name: 'sleep', image: 'busybox',"
        + " command: ['sleep', '360'], memory: 10}]}");
    ContainerDefinition c = td.containerDefinitions().get(0);
    assertThat(c.cpu()).isZero();
    assertThat(c.essential()).isTrue();
    assertThat(c.portMappings()).isEmpty();
    assertThat(c.environment()).isEmpty();
    assertThat(c.mountPoints()).isEmpty();
    assertThat(c.volumesFrom()).isEmpty();
    assertThat(c.systemControls()).isEmpty();
    assertThat(c.links()).isNull();
    assertThat(c.secrets()).isNull();
    assertThat(c.healthCheck()).isNull();
    assertThat(td.volumes()).isEmpty();
    assertThat(td.placementConstraints()).isEmpty();
    assertThat(td.networkMode()).isNull();
    assertThat(td.requiresCompatibilities()).isNull();
  }

  @Test
  void keepsWhatTheUserGave() {
    TaskDefinition td = Defs.prepare("{family: 'web', containerDefinitions: [{name: 'app', image: 'nginx', memory: 128,"
        + " cpu: 10, essential: true, environment: [{name: 'A', value: '1'}], portMappings: [{containerPort: 80,"
        + " hostPort: 8080, protocol: 'udp'}]}, {name: 'side', image: 'busybox', memory: 16, essential: false}]}");
    ContainerDefinition app = td.containerDefinitions().get(0);
    assertThat(app.cpu()).isEqualTo(10);
    assertThat(app.environment()).hasSize(1);
    assertThat(app.portMappings()).containsExactly(new PortMapping(80, 8080, "udp", null, null, null));
    assertThat(td.containerDefinitions().get(1).essential()).isFalse();
  }

  @Test
  void portMappingsGetTcpAndHostPortsPerNetworkMode() {
    String containers = "containerDefinitions: [{name: 'app', image: 'nginx', memory: 128,"
        + " portMappings: [{containerPort: 80}, {containerPort: 81, hostPort: 0}, {containerPortRange: '9000-9010'}]}]";
    List<PortMapping> awsvpc = Defs.prepare("{family: 'web', networkMode: 'awsvpc', " + containers + "}")
        .containerDefinitions().get(0).portMappings();
    assertThat(awsvpc).containsExactly(
        new PortMapping(80, 80, "tcp", null, null, null),
        new PortMapping(81, 81, "tcp", null, null, null),
        new PortMapping(null, null, "tcp", null, null, "9000-9010"));
    List<PortMapping> host = Defs.prepare("{family: 'web', networkMode: 'host', containerDefinitions: [{name: 'app',"
        + " image: 'nginx', memory: 128, portMappings: [{containerPort: 80}]}]}").containerDefinitions().get(0).portMappings();
    assertThat(host).containsExactly(new PortMapping(80, 80, "tcp", null, null, null));
    List<PortMapping> bridge = Defs.prepare("{family: 'web', " + containers + "}").containerDefinitions().get(0).portMappings();
    assertThat(bridge).containsExactly(
        new PortMapping(80, null, "tcp", null, null, null),
        new PortMapping(81, 0, "tcp", null, null, null),
        new PortMapping(null, null, "tcp", null, null, "9000-9010"));
  }

  @Test
  void healthCheckTimingDefaults() {
    HealthCheck hc = Defs.prepare("{family: 'web', containerDefinitions: [{name: 'app', image: 'nginx', memory: 128,"
        + " healthCheck: {command: ['CMD-SHELL', 'curl -f localhost']}}]}").containerDefinitions().get(0).healthCheck();
    assertThat(hc).isEqualTo(new HealthCheck(List.of("CMD-SHELL", "curl -f localhost"), 30, 5, 3, null));
  }

  @Test
  void taskSizeIsStoredAsNumbers() {
    TaskDefinition td = Defs.prepare("{family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc',"
        + " cpu: '.25 vCPU', memory: '0.5 GB', containerDefinitions: [{name: 'app', image: 'nginx'}]}");
    assertThat(td.cpu()).isEqualTo("256");
    assertThat(td.memory()).isEqualTo("512");
  }
}
