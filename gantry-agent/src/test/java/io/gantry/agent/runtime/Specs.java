package io.gantry.agent.runtime;

import static io.gantry.agent.runtime.TaskContexts.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.Device;
import io.gantry.model.taskdef.KernelCapabilities;
import io.gantry.model.taskdef.LinuxParameters;
import io.gantry.model.taskdef.Tmpfs;
import java.util.List;
import java.util.Random;

/** Helpers for translator tests: translate with a fixed seed and expect a spec or a refusal. */
final class Specs {
  static final String IMAGE = "gantry-test/busybox:latest";

  static ContainerSpec spec(TaskContext task, ContainerDefinition def) {
    return spec(task, def, SpecOverrides.NONE);
  }

  static ContainerSpec spec(TaskContext task, ContainerDefinition def, SpecOverrides o) {
    SpecResult result = ContainerSpecs.from(task, def, o, new Random(7));
    assertThat(result).isInstanceOf(SpecResult.Ok.class);
    return ((SpecResult.Ok) result).spec();
  }

  static ContainerSpec spec(ContainerDefinition def) {
    return spec(task("bridge"), def);
  }

  static String refusal(TaskContext task, ContainerDefinition def) {
    SpecResult result = ContainerSpecs.from(task, def, SpecOverrides.NONE, new Random(7));
    assertThat(result).isInstanceOf(SpecResult.Refused.class);
    return ((SpecResult.Refused) result).reason();
  }

  static LinuxParameters linux(KernelCapabilities caps, List<Device> devices, Boolean init,
      Integer shm, List<Tmpfs> tmpfs, Integer maxSwap, Integer swappiness) {
    return new LinuxParameters(caps, devices, init, shm, tmpfs, maxSwap, swappiness);
  }

  private Specs() {}
}
