package io.gantry.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.agent.runtime.CreateResult;
import io.gantry.agent.runtime.StartResult;
import io.gantry.agent.runtime.TaskContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * GPU pinning on the real Engine. This machine has no GPU, so each way of handing GPUs over is
 * checked by what reaches Docker: under a named runtime ({@code --nvidia-runtime}; here Docker's
 * own {@code runc} stands in for {@code nvidia}) the container runs with that runtime and sees
 * exactly its ids in {@code NVIDIA_VISIBLE_DEVICES}; with device requests Docker is asked for
 * those ids through the nvidia driver, which an Engine without the NVIDIA toolkit refuses — the
 * refusal names the driver, and the agent reports it as the container's start failure.
 */
class DockerGpuIT extends DockerItSupport {
  private TaskContext withGpus(String runtimeName, List<String> ids) {
    TaskContext t = task("bridge", List.of(),
        new AgentPolicy(false, Duration.ofSeconds(30), AgentPolicy.DEFAULT_PAUSE_IMAGE, runtimeName));
    return new TaskContext(t.taskArn(), t.cluster(), t.family(), t.revision(), t.networkMode(), t.volumes(),
        t.hostPorts(), t.runtimeIds(), t.policy(), Map.of("app", ids));
  }

  @ConcurrentTest
  void a_named_runtime_runs_the_container_with_exactly_its_gpus_visible() {
    Finished f = runToEnd(withGpus("runc", List.of("GPU-1111", "GPU-2222")),
        busybox("app").env("NVIDIA_VISIBLE_DEVICES", "all").shell("echo visible=$NVIDIA_VISIBLE_DEVICES"));
    assertThat(f.output()).contains("visible=GPU-1111,GPU-2222");
    assertThat(raw(f.id()).getHostConfig().getRuntime()).isEqualTo("runc");
    assertThat(raw(f.id()).getHostConfig().getDeviceRequests()).isNullOrEmpty();
  }

  @ConcurrentTest
  void device_requests_ask_docker_for_exactly_those_gpus_through_the_nvidia_driver() {
    CreateResult created = runtime.create(spec(withGpus(null, List.of("GPU-3333")),
        busybox("app").shell("true")));
    String failure;
    if (created instanceof CreateResult.Created c) {
      var request = raw(c.runtimeId()).getHostConfig().getDeviceRequests();
      assertThat(request).hasSize(1);
      assertThat(request.get(0).getDriver()).isEqualTo("nvidia");
      assertThat(request.get(0).getDeviceIds()).containsExactly("GPU-3333");
      assertThat(request.get(0).getCapabilities()).containsExactly(List.of("gpu"));
      StartResult started = runtime.start(c.runtimeId());
      assertThat(started).as("no NVIDIA toolkit here, so Docker cannot start it").isInstanceOf(StartResult.Failed.class);
      failure = ((StartResult.Failed) started).reason();
    } else {
      failure = ((CreateResult.Failed) created).reason();
    }
    assertThat(failure).contains("nvidia");
  }
}
