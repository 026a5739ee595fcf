package io.gantry.agent.runtime;

import static io.gantry.agent.runtime.ContainerDefinitionBuilder.container;
import static io.gantry.agent.runtime.Specs.IMAGE;
import static io.gantry.agent.runtime.Specs.linux;
import static io.gantry.agent.runtime.Specs.refusal;
import static io.gantry.agent.runtime.Specs.spec;
import static io.gantry.agent.runtime.TaskContexts.TASK_ARN;
import static io.gantry.agent.runtime.TaskContexts.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.model.KeyValuePair;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.Device;
import io.gantry.model.taskdef.HealthCheck;
import io.gantry.model.taskdef.KernelCapabilities;
import io.gantry.model.taskdef.SystemControl;
import io.gantry.model.taskdef.Ulimit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The translator per container-definition parameter: image, name, process, resources, labels,
 * Linux parameters, security, health check and stop timeout.
 */
class ContainerSpecsTest {
  @Test
  void image_is_passed_through() {
    assertThat(spec(container("app", IMAGE).build()).image()).isEqualTo(IMAGE);
  }


  @Test
  void missing_image_is_refused() {
    assertThat(refusal(task("bridge"), container("app", null).build()))
        .startsWith("CannotCreateContainerError: ").contains("has no image");
  }


  @Test
  void name_follows_the_ecs_agent_pattern() {
    ContainerSpec s = spec(container("app", IMAGE).build());
    assertThat(s.name()).matches("ecs-web-3-app-[0-9a-f]{20}");
  }


  @Test
  void name_drops_characters_docker_does_not_allow() {
    assertThat(ContainerSpecs.containerName("my fam", 1, "a/b", new Random(1)))
        .matches("ecs-myfam-1-ab-[0-9a-f]{20}");
  }


  @Test
  void entry_point_and_command_are_kept_and_empty_means_image_default() {
    ProcessSpec p = spec(container("app", IMAGE).entryPoint(List.of("sh", "-c"))
        .command("echo hi").build()).process();
    assertThat(p.entryPoint()).containsExactly("sh", "-c");
    assertThat(p.command()).containsExactly("echo hi");
    ProcessSpec defaults = spec(container("app", IMAGE).entryPoint(List.of()).build()).process();
    assertThat(defaults.entryPoint()).isNull();
    assertThat(defaults.command()).isNull();
  }


  @Test
  void command_override_replaces_the_definition_command() {
    SpecOverrides o = new SpecOverrides(List.of("sleep", "5"), null, null, null, null);
    assertThat(spec(task("bridge"), container("app", IMAGE).command("true").build(), o)
        .process().command()).containsExactly("sleep", "5");
  }


  @Test
  void environment_keeps_order_and_overrides_merge_by_name() {
    ContainerDefinition def = container("app", IMAGE).env("A", "1").env("B", "2").build();
    SpecOverrides o = new SpecOverrides(null,
        List.of(new KeyValuePair("B", "two"), new KeyValuePair("C", "3")), null, null, null);
    Map<String, String> env = spec(task("bridge"), def, o).process().environment();
    assertThat(env).containsExactly(Map.entry("A", "1"), Map.entry("B", "two"), Map.entry("C", "3"));
  }


  @Test
  void working_directory_user_and_hostname_are_passed_through() {
    ContainerSpec s = spec(container("app", IMAGE).workingDirectory("/srv").user("1000:1000")
        .hostname("box").build());
    assertThat(s.process().workingDirectory()).isEqualTo("/srv");
    assertThat(s.process().user()).isEqualTo("1000:1000");
    assertThat(s.network().hostname()).isEqualTo("box");
  }


  @Test
  void cpu_units_become_shares_with_a_minimum_of_two() {
    assertThat(spec(container("app", IMAGE).cpu(512).build()).resources().cpuShares()).isEqualTo(512);
    assertThat(spec(container("app", IMAGE).cpu(0).build()).resources().cpuShares()).isEqualTo(2);
    assertThat(spec(container("app", IMAGE).cpu(1).build()).resources().cpuShares()).isEqualTo(2);
    assertThat(spec(container("app", IMAGE).build()).resources().cpuShares()).isEqualTo(2);
  }


  @Test
  void cpu_and_memory_overrides_win() {
    SpecOverrides o = new SpecOverrides(null, null, 256, 128, 64);
    ResourceSpec r = spec(task("bridge"),
        container("app", IMAGE).cpu(10).memory(512).memoryReservation(256).build(), o).resources();
    assertThat(r.cpuShares()).isEqualTo(256);
    assertThat(r.memoryBytes()).isEqualTo(128L << 20);
    assertThat(r.memoryReservationBytes()).isEqualTo(64L << 20);
  }


  @Test
  void memory_is_the_hard_limit_and_memory_reservation_the_soft_limit_in_bytes() {
    ResourceSpec r = spec(container("app", IMAGE).memory(64).memoryReservation(32).build()).resources();
    assertThat(r.memoryBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(r.memoryReservationBytes()).isEqualTo(32L * 1024 * 1024);
    ResourceSpec none = spec(container("app", IMAGE).build()).resources();
    assertThat(none.memoryBytes()).isNull();
    assertThat(none.memoryReservationBytes()).isNull();
  }


  @Test
  void max_swap_adds_to_the_hard_limit_and_swappiness_defaults_to_60() {
    ResourceSpec r = spec(container("app", IMAGE).memory(64)
        .linuxParameters(linux(null, null, null, null, null, 0, null)).build()).resources();
    assertThat(r.memorySwapBytes()).isEqualTo(64L << 20);
    assertThat(r.memorySwappiness()).isEqualTo(60);
    ResourceSpec more = spec(container("app", IMAGE).memory(64)
        .linuxParameters(linux(null, null, null, null, null, 32, 10)).build()).resources();
    assertThat(more.memorySwapBytes()).isEqualTo(96L << 20);
    assertThat(more.memorySwappiness()).isEqualTo(10);
  }


  @Test
  void docker_labels_and_gantry_and_ecs_labels_are_set_and_ours_win() {
    ContainerSpec s = spec(container("app", IMAGE).label("team", "blue")
        .label(ContainerLabels.TASK_ARN, "spoofed").build());
    assertThat(s.labels())
        .containsEntry("team", "blue")
        .containsEntry("io.gantry.task-arn", TASK_ARN)
        .containsEntry("io.gantry.container-name", "app")
        .containsEntry("io.gantry.cluster", "default")
        .containsEntry("com.amazonaws.ecs.task-arn", TASK_ARN)
        .containsEntry("com.amazonaws.ecs.container-name", "app")
        .containsEntry("com.amazonaws.ecs.cluster", "default")
        .containsEntry("com.amazonaws.ecs.task-definition-family", "web")
        .containsEntry("com.amazonaws.ecs.task-definition-version", "3");
    assertThat(s.taskArn()).isEqualTo(TASK_ARN);
    assertThat(s.containerName()).isEqualTo("app");
  }


  @Test
  void ulimits_are_passed_through_and_incomplete_ones_refused() {
    ResourceSpec r = spec(container("app", IMAGE)
        .ulimits(List.of(new Ulimit("nofile", 1024, 2048))).build()).resources();
    assertThat(r.ulimits()).containsExactly(new ResourceSpec.Ulimit("nofile", 1024, 2048));
    assertThat(refusal(task("bridge"), container("app", IMAGE)
        .ulimits(List.of(new Ulimit("nofile", null, 2048))).build())).contains("ulimit");
  }


  @Test
  void capabilities_are_added_and_dropped_without_the_cap_prefix() {
    SecuritySpec s = spec(container("app", IMAGE).linuxParameters(linux(
        new KernelCapabilities(List.of("NET_ADMIN", "cap_sys_time"), List.of("CHOWN")),
        null, null, null, null, null, null)).build()).security();
    assertThat(s.capabilitiesAdded()).containsExactly("NET_ADMIN", "SYS_TIME");
    assertThat(s.capabilitiesDropped()).containsExactly("CHOWN");
  }


  @Test
  void init_process_and_shared_memory_size_are_mapped() {
    ContainerSpec s = spec(container("app", IMAGE)
        .linuxParameters(linux(null, null, true, 128, null, null, null)).build());
    assertThat(s.process().init()).isTrue();
    assertThat(s.resources().sharedMemoryBytes()).isEqualTo(128L << 20);
    assertThat(spec(container("app", IMAGE).build()).process().init()).isFalse();
  }


  @Test
  void devices_map_permissions_to_cgroup_letters() {
    SecuritySpec s = spec(container("app", IMAGE).linuxParameters(linux(null, List.of(
        new Device("/dev/null", "/dev/mynull", List.of("read", "write")),
        new Device("/dev/zero", null, null)), null, null, null, null, null)).build()).security();
    assertThat(s.devices()).containsExactly(
        new SecuritySpec.Device("/dev/null", "/dev/mynull", "rw"),
        new SecuritySpec.Device("/dev/zero", "/dev/zero", "rwm"));
  }


  @Test
  void privileged_is_refused_unless_the_agent_allows_it() {
    ContainerDefinition def = container("app", IMAGE).privileged(true).build();
    assertThat(refusal(task("bridge"), def))
        .isEqualTo("CannotCreateContainerError: container app asks for privileged mode,"
            + " which this container instance does not allow");
    TaskContext allowed = new TaskContext(TASK_ARN, "default", "web", 3, "bridge", List.of(),
        Map.of(), Map.of(), new AgentPolicy(true, Duration.ofSeconds(30)));
    assertThat(spec(allowed, def).security().privileged()).isTrue();
  }

  @Test
  void assigned_gpus_are_pinned_and_visible_in_the_environment_over_the_users_value() {
    TaskContext gpus = new TaskContext(TASK_ARN, "default", "web", 3, "bridge", List.of(), Map.of(), Map.of(),
        new AgentPolicy(false, Duration.ofSeconds(30), null, "nvidia"), Map.of("app", List.of("GPU-1", "GPU-2")));
    ContainerSpec s = spec(gpus, container("app", IMAGE).env("NVIDIA_VISIBLE_DEVICES", "all").build());
    assertThat(s.resources().gpus()).isEqualTo(new GpuSpec(List.of("GPU-1", "GPU-2"), "nvidia"));
    assertThat(s.process().environment()).containsEntry("NVIDIA_VISIBLE_DEVICES", "GPU-1,GPU-2");
    ContainerSpec other = spec(gpus, container("sidecar", IMAGE).build());
    assertThat(other.resources().gpus()).isNull();
    assertThat(other.process().environment()).doesNotContainKey("NVIDIA_VISIBLE_DEVICES");
  }

  @Test
  void readonly_root_security_options_and_sysctls_are_passed_through() {
    SecuritySpec s = spec(container("app", IMAGE).readonlyRootFilesystem(true)
        .dockerSecurityOptions(List.of("no-new-privileges"))
        .systemControls(List.of(new SystemControl("net.core.somaxconn", "1024"))).build()).security();
    assertThat(s.readonlyRootFilesystem()).isTrue();
    assertThat(s.securityOptions()).containsExactly("no-new-privileges");
    assertThat(s.sysctls()).containsEntry("net.core.somaxconn", "1024");
  }


  @Test
  void interactive_and_pseudo_terminal_are_passed_through() {
    ProcessSpec p = spec(container("app", IMAGE).interactive(true).pseudoTerminal(true).build())
        .process();
    assertThat(p.interactive()).isTrue();
    assertThat(p.pseudoTerminal()).isTrue();
  }


  @Test
  void health_check_keeps_the_command_and_fills_ecs_defaults() {
    HealthCheckSpec h = spec(container("app", IMAGE).healthCheck(new HealthCheck(
        List.of("CMD-SHELL", "true"), null, null, null, null)).build()).healthCheck();
    assertThat(h.test()).containsExactly("CMD-SHELL", "true");
    assertThat(h.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(h.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(h.retries()).isEqualTo(3);
    assertThat(h.startPeriod()).isEqualTo(Duration.ZERO);
    HealthCheckSpec set = spec(container("app", IMAGE).healthCheck(new HealthCheck(
        List.of("CMD", "true"), 10, 2, 5, 20)).build()).healthCheck();
    assertThat(set).isEqualTo(new HealthCheckSpec(List.of("CMD", "true"), Duration.ofSeconds(10),
        Duration.ofSeconds(2), 5, Duration.ofSeconds(20)));
    assertThat(spec(container("app", IMAGE).build()).healthCheck()).isNull();
  }


  @Test
  void health_check_without_cmd_or_cmd_shell_is_refused() {
    assertThat(refusal(task("bridge"), container("app", IMAGE).healthCheck(new HealthCheck(
        List.of("curl", "localhost"), null, null, null, null)).build()))
        .contains("must start with CMD or CMD-SHELL");
  }


  @Test
  void stop_timeout_comes_from_the_definition_or_the_agent_default() {
    assertThat(spec(container("app", IMAGE).stopTimeout(5).build()).stopTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(spec(container("app", IMAGE).build()).stopTimeout()).isEqualTo(Duration.ofSeconds(30));
  }


  @Test
  void translation_is_deterministic_for_the_same_random_seed() {
    ContainerDefinition def = container("app", IMAGE).env("A", "1").cpu(128).build();
    assertThat(spec(def)).isEqualTo(spec(def));
  }
}
