package io.gantry.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gantry.agent.runtime.RuntimeInfo;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationTest {
  private static final RuntimeInfo DOCKER = new RuntimeInfo("26.1.5", "1.45", 4, 8L << 30, "linux", "Debian",
      "x86_64", "6.1");
  private static final AgentConfig BASE = AgentConfig.defaults(URI.create("http://cp:8080"), "default",
      Path.of("/tmp/agent"));

  @Test
  void the_machines_gpus_are_registered_as_platform_devices() {
    ObjectNode req = Registration.request(BASE.withGpus(new GpuSettings(List.of("GPU-a", "GPU-b"), null)), DOCKER,
        "1.0", null);
    assertThat(req.path("platformDevices").toString())
        .isEqualTo("[{\"id\":\"GPU-a\",\"type\":\"GPU\"},{\"id\":\"GPU-b\",\"type\":\"GPU\"}]");
    assertThat(req.at("/totalResources/0/integerValue").asInt()).isEqualTo(4096);
  }

  @Test
  void a_machine_without_gpus_registers_no_platform_devices() {
    assertThat(Registration.request(BASE, DOCKER, "1.0", null).has("platformDevices")).isFalse();
  }
}
