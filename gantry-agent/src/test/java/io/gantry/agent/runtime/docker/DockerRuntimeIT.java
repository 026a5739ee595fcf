package io.gantry.agent.runtime.docker;

import static io.gantry.agent.runtime.ContainerDefinitionBuilder.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerSpec;
import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.ContainerStatus;
import io.gantry.agent.runtime.EventSubscription;
import io.gantry.agent.runtime.HealthStatus;
import io.gantry.agent.runtime.ImageResult;
import io.gantry.agent.runtime.RuntimeEvent;
import io.gantry.agent.runtime.RuntimeInfo;
import io.gantry.agent.runtime.StartResult;
import io.gantry.agent.runtime.TaskContext;
import io.gantry.model.taskdef.HealthCheck;
import io.gantry.model.taskdef.Ulimit;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link DockerRuntime} on the real Engine: images (local, failed pull), the process parameters,
 * CPU, memory and ulimits, labels and listing, health checks, stop timeout, events, remove
 * and info.
 */
class DockerRuntimeIT extends DockerItSupport {
  @ConcurrentTest
  void local_image_is_used_without_a_pull() {
    assertThat(runtime.ensureImage(IMAGE)).isInstanceOfSatisfying(ImageResult.Present.class,
        p -> assertThat(p.imageId()).startsWith("sha256:"));
  }

  @ConcurrentTest
  void missing_image_fails_fast_with_a_cannot_pull_reason() {
    long t0 = System.nanoTime();
    ImageResult result = runtime.ensureImage("gantry-test/does-not-exist:1");
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(took).isLessThan(Duration.ofSeconds(30));
    assertThat(result).isInstanceOfSatisfying(ImageResult.Failed.class, f -> {
      assertThat(f.reason()).startsWith("CannotPullContainerError: ").hasSizeGreaterThan(30);
      assertThat(f.pullStartedAt()).isNotNull();
      assertThat(f.pullStoppedAt()).isAfterOrEqualTo(f.pullStartedAt());
    });
  }


  @ConcurrentTest
  void entry_point_and_command_run() {
    Finished f = runToEnd(busybox("app").entryPoint(List.of("sh", "-c"))
        .command("echo hello-$((40+2)); exit 3"));
    assertThat(f.output()).contains("hello-42");
    assertThat(f.state().exitCode()).isEqualTo(3);
    assertThat(f.state().startedAt()).isNotNull();
    // The Engine stamps both times itself; a short-lived process can finish "before" it started.
    assertThat(f.state().finishedAt()).isCloseTo(f.state().startedAt(), within(10, ChronoUnit.SECONDS));
  }

  @ConcurrentTest
  void environment_is_set() {
    Finished f = runToEnd(busybox("app").env("GREETING", "two words").env("N", "7")
        .shell("echo \"$GREETING|$N\""));
    assertThat(f.output()).contains("two words|7");
  }

  @ConcurrentTest
  void working_directory_user_and_hostname_take_effect() {
    Finished f = runToEnd(busybox("app").workingDirectory("/tmp").user("1234:5678")
        .hostname("gantry-box").shell("echo \"$(pwd)|$(id -u):$(id -g)|$(hostname)\""));
    assertThat(f.output()).contains("/tmp|1234:5678|gantry-box");
  }

  @ConcurrentTest
  void start_failure_is_a_value_with_an_ecs_reason() {
    String id = create(bridge(), busybox("app").command("/no/such/binary"));
    StartResult result = runtime.start(id);
    assertThat(result).isInstanceOfSatisfying(StartResult.Failed.class,
        f -> assertThat(f.reason()).startsWith("CannotStartContainerError: ")
            .contains("/no/such/binary"));
  }


  @ConcurrentTest
  void cpu_shares_and_memory_limits_are_applied() {
    Finished f = runToEnd(busybox("app").cpu(512).memory(64).memoryReservation(32).shell(
        "cat /sys/fs/cgroup/cpu/cpu.shares 2>/dev/null || cat /sys/fs/cgroup/cpu.weight;"
            + " cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null"
            + " || cat /sys/fs/cgroup/memory.max"));
    var hc = raw(f.id()).getHostConfig();
    assertThat(hc.getCpuShares()).isEqualTo(512);
    assertThat(hc.getMemory()).isEqualTo(64L << 20);
    assertThat(hc.getMemoryReservation()).isEqualTo(32L << 20);
    assertThat(f.output()).contains(Long.toString(64L << 20));
    Finished zero = runToEnd(busybox("zero").cpu(0).command("true"));
    assertThat(raw(zero.id()).getHostConfig().getCpuShares()).isEqualTo(2);
  }

  @ConcurrentTest
  void exceeding_the_hard_memory_limit_is_reported_as_oom_killed() {
    Finished f = runToEnd(busybox("hog").memory(8).linuxParameters(linux(null, null, null, null,
        null, 0)).shell("head -c 200m /dev/zero | tail > /dev/null"));
    assertThat(f.state().exitCode()).isEqualTo(137);
    // The engine learns of the OOM kill from an event that may arrive just after the exit.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> runtime.inspect(f.id()).orElseThrow().oomKilled());
    assertThat(raw(f.id()).getHostConfig().getMemorySwap()).isEqualTo(8L << 20);
  }

  @ConcurrentTest
  void ulimits_are_applied() {
    Finished f = runToEnd(busybox("app").ulimits(List.of(new Ulimit("nofile", 1024, 2048)))
        .shell("echo \"soft=$(ulimit -n) hard=$(ulimit -Hn)\""));
    assertThat(f.output()).contains("soft=1024 hard=2048");
  }


  @ConcurrentTest
  void labels_are_set_and_list_by_task_arn_finds_the_container() {
    TaskContext task = bridge();
    String id = start(task, busybox("app").label("team", "blue").command("sleep", "30"));
    assertThat(raw(id).getConfig().getLabels())
        .containsEntry("team", "blue")
        .containsEntry("io.gantry.task-arn", task.taskArn())
        .containsEntry("io.gantry.container-name", "app")
        .containsEntry("io.gantry.cluster", "it")
        .containsEntry("com.amazonaws.ecs.task-arn", task.taskArn())
        .containsEntry("com.amazonaws.ecs.container-name", "app")
        .containsEntry("com.amazonaws.ecs.cluster", "it")
        .containsEntry("com.amazonaws.ecs.task-definition-family", "runtime-it")
        .containsEntry("com.amazonaws.ecs.task-definition-version", "1");
    assertThat(raw(id).getName()).matches("/ecs-runtime-it-1-app-[0-9a-f]{20}");
    assertThat(runtime.list(Map.of(ContainerLabels.TASK_ARN, task.taskArn())))
        .singleElement().satisfies(s -> {
          assertThat(s.runtimeId()).isEqualTo(id);
          assertThat(s.status()).isEqualTo(ContainerStatus.RUNNING);
          assertThat(s.labels()).containsEntry(ContainerLabels.CONTAINER_NAME, "app");
        });
  }


  @ConcurrentTest
  void health_check_turns_healthy_and_is_reported_as_an_event() {
    List<RuntimeEvent> events = new CopyOnWriteArrayList<>();
    EventSubscription sub = runtime.events(events::add);
    try {
      String id = start(bridge(), busybox("app").command("sleep", "30")
          .healthCheck(new HealthCheck(List.of("CMD-SHELL", "true"), 1, 1, 1, null)));
      await().atMost(WAIT).until(() -> runtime.inspect(id).orElseThrow().health() == HealthStatus.HEALTHY);
      await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.runtimeId().equals(id)
          && e instanceof RuntimeEvent.HealthChanged h && h.health() == HealthStatus.HEALTHY));
      var hc = raw(id).getConfig().getHealthcheck();
      assertThat(hc.getTest()).containsExactly("CMD-SHELL", "true");
      assertThat(hc.getInterval()).isEqualTo(Duration.ofSeconds(1).toNanos());
      assertThat(hc.getRetries()).isEqualTo(1);
    } finally {
      sub.close();
    }
  }

  @ConcurrentTest
  void failing_health_check_turns_unhealthy() {
    String id = start(bridge(), busybox("app").command("sleep", "30")
        .healthCheck(new HealthCheck(List.of("CMD", "false"), 1, 1, 1, null)));
    assertThat(runtime.inspect(id).orElseThrow().health()).isIn(HealthStatus.STARTING, HealthStatus.UNHEALTHY);
    await().atMost(WAIT).until(() -> runtime.inspect(id).orElseThrow().health() == HealthStatus.UNHEALTHY);
  }

  @ConcurrentTest
  void stop_timeout_ends_in_sigkill_for_a_container_that_ignores_sigterm() {
    TaskContext task = bridge();
    ContainerSpec spec = spec(task, busybox("stubborn").stopTimeout(1)
        .shell("trap 'echo got-term' TERM; echo ready; while true; do sleep 1; done"));
    String id = created(runtime.create(spec));
    runtime.start(id);
    awaitOutput(id, "ready"); // the trap is set: SIGTERM is handled (and ignored), not fatal
    assertThat(rawJson(id).path("Config").path("StopTimeout").asInt()).isEqualTo(1);
    long t0 = System.nanoTime();
    runtime.stop(id, spec.stopTimeout());
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    ContainerState state = runtime.inspect(id).orElseThrow();
    assertThat(state.status()).isEqualTo(ContainerStatus.STOPPED);
    assertThat(state.exitCode()).isEqualTo(137);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(10));
    assertThat(logs(id)).contains("got-term");
  }

  @ConcurrentTest
  void a_container_that_handles_sigterm_exits_before_the_timeout() {
    String id = start(bridge(), busybox("polite")
        .shell("trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 1; done"));
    awaitOutput(id, "ready");
    long t0 = System.nanoTime();
    runtime.stop(id, Duration.ofSeconds(20));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(runtime.inspect(id).orElseThrow().exitCode()).isZero();
    runtime.stop(id, Duration.ofSeconds(1)); // stopping again is not an error
  }

  @ConcurrentTest
  void start_and_die_events_arrive_with_exit_code_and_labels() {
    List<RuntimeEvent> events = new CopyOnWriteArrayList<>();
    EventSubscription sub = runtime.events(events::add);
    try {
      TaskContext task = bridge();
      String id = start(task, busybox("app").shell("exit 7"));
      await().atMost(WAIT).until(() -> events.stream()
          .anyMatch(e -> e.runtimeId().equals(id) && e instanceof RuntimeEvent.Died));
      assertThat(events).filteredOn(e -> e.runtimeId().equals(id))
          .extracting(e -> e.getClass().getSimpleName()).containsExactly("Started", "Died");
      RuntimeEvent.Died died = (RuntimeEvent.Died) events.stream()
          .filter(e -> e.runtimeId().equals(id) && e instanceof RuntimeEvent.Died).findFirst()
          .orElseThrow();
      assertThat(died.exitCode()).isEqualTo(7);
      assertThat(died.labels()).containsEntry(ContainerLabels.TASK_ARN, task.taskArn());
    } finally {
      sub.close();
    }
  }


  @ConcurrentTest
  void remove_deletes_the_container_and_is_idempotent() {
    String id = start(bridge(), busybox("app").command("sleep", "30"));
    runtime.remove(id);
    assertThat(runtime.inspect(id)).isEmpty();
    runtime.remove(id);
    runtime.stop(id, Duration.ofSeconds(1));
  }

  @ConcurrentTest
  void info_describes_the_engine_and_machine() {
    RuntimeInfo info = runtime.info();
    assertThat(info.runtimeVersion()).isNotBlank();
    assertThat(info.apiVersion()).isNotBlank();
    assertThat(info.cpus()).isPositive();
    assertThat(info.memoryBytes()).isPositive();
    assertThat(info.osType()).isEqualTo("linux");
    assertThat(info.architecture()).isNotBlank();
  }
}
