package io.gantry.agent.runtime;

import static io.gantry.agent.runtime.ContainerDefinitionBuilder.container;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class ContainerSpecsProperties {

  @Property
  void gantry_labels_are_always_present_and_win_over_docker_labels(
      @ForAll Map<@StringLength(min = 1, max = 30) String, String> dockerLabels) {
    var def = container("app", "img").dockerLabels(dockerLabels).build();
    SpecResult r = ContainerSpecs.from(TaskContexts.task("bridge"), def, SpecOverrides.NONE, new Random(1));
    Map<String, String> labels = ((SpecResult.Ok) r).spec().labels();
    assertThat(labels).containsEntry(ContainerLabels.TASK_ARN, TaskContexts.TASK_ARN)
        .containsEntry(ContainerLabels.CONTAINER_NAME, "app")
        .containsEntry(ContainerLabels.ECS_TASK_ARN, TaskContexts.TASK_ARN);
    dockerLabels.forEach((k, v) -> {
      if (!k.startsWith("io.gantry.") && !k.startsWith("com.amazonaws.ecs.")) {
        assertThat(labels).containsEntry(k, v);
      }
    });
  }

  @Property
  void cpu_shares_are_never_below_two(@ForAll @IntRange(min = 0, max = 10240) int cpu) {
    assertThat(ContainerSpecs.cpuShares(cpu)).isEqualTo(Math.max(2, cpu));
  }

  @Property
  void container_names_are_valid_docker_names(
      @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 40) String family,
      @ForAll @IntRange(min = 1, max = 100000) int revision,
      @ForAll @StringLength(min = 1, max = 40) String container,
      @ForAll long seed) {
    assertThat(ContainerSpecs.containerName(family, revision, container, new Random(seed)))
        .matches("[a-zA-Z0-9][a-zA-Z0-9_.-]+")
        .startsWith("ecs-" + family + "-" + revision + "-")
        .containsPattern("-[0-9a-f]{20}$");
  }
}
