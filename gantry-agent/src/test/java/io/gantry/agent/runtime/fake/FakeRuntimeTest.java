package io.gantry.agent.runtime.fake;

import static io.gantry.agent.runtime.ContainerDefinitionBuilder.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.agent.runtime.ContainerDefinitionBuilder;
import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerSpec;
import io.gantry.agent.runtime.ContainerSpecs;
import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.ContainerStatus;
import io.gantry.agent.runtime.CreateResult;
import io.gantry.agent.runtime.EventSubscription;
import io.gantry.agent.runtime.HealthStatus;
import io.gantry.agent.runtime.ImageResult;
import io.gantry.agent.runtime.NetworkBinding;
import io.gantry.agent.runtime.RuntimeEvent;
import io.gantry.agent.runtime.RuntimeUnavailableException;
import io.gantry.agent.runtime.SpecOverrides;
import io.gantry.agent.runtime.SpecResult;
import io.gantry.agent.runtime.StartResult;
import io.gantry.agent.runtime.TaskContexts;
import io.gantry.agent.runtime.VolumeResult;
import io.gantry.agent.runtime.VolumeSpec;
import io.gantry.model.taskdef.HealthCheck;
import io.gantry.model.taskdef.PortMapping;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeRuntimeTest {
  private static final String IMAGE = "busybox:latest";
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private ManualClock clock;
  private FakeRuntime runtime;
  private final List<RuntimeEvent> events = new ArrayList<>();
  private final Random random = new Random(3);

  @BeforeEach
  void setUp() {
    clock = new ManualClock(T0);
    runtime = new FakeRuntime(clock).withImages(IMAGE);
    runtime.events(events::add);
  }

  private ContainerSpec spec(ContainerDefinitionBuilder def) {
    SpecResult r = ContainerSpecs.from(TaskContexts.task("bridge"), def.build(), SpecOverrides.NONE,
        random);
    return ((SpecResult.Ok) r).spec();
  }

  private String createAndStart(ContainerDefinitionBuilder def) {
    String id = created(runtime.create(spec(def)));
    assertThat(runtime.start(id)).isEqualTo(new StartResult.Started());
    return id;
  }

  private static String created(CreateResult result) {
    if (result instanceof CreateResult.Created c) {
      return c.runtimeId();
    }
    throw new AssertionError("not created: " + result);
  }

  private ContainerState state(String id) {
    return runtime.inspect(id).orElseThrow();
  }

  @Test
  void a_default_container_runs_until_stopped_and_exits_143_on_sigterm() {
    String id = createAndStart(container("app", IMAGE));
    assertThat(state(id).status()).isEqualTo(ContainerStatus.RUNNING);
    assertThat(state(id).startedAt()).isEqualTo(T0);
    runtime.advance(Duration.ofHours(1));
    assertThat(state(id).running()).isTrue();
    runtime.stop(id, Duration.ofSeconds(30));
    assertThat(state(id).exitCode()).isEqualTo(143);
    assertThat(state(id).finishedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(runtime.lastStopTimeout(id)).contains(Duration.ofSeconds(30));
    assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Started", "Died");
  }

  @Test
  void scripted_run_for_and_exit_code() {
    runtime.script("job", FakeBehavior.exitsAfter(Duration.ofSeconds(10), 3));
    String id = createAndStart(container("job", IMAGE));
    runtime.advance(Duration.ofSeconds(9));
    assertThat(state(id).running()).isTrue();
    runtime.advance(Duration.ofSeconds(1));
    assertThat(state(id).status()).isEqualTo(ContainerStatus.STOPPED);
    assertThat(state(id).exitCode()).isEqualTo(3);
    assertThat(state(id).finishedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(events).last().isEqualTo(new RuntimeEvent.Died(id, state(id).labels(), 3,
        T0.plusSeconds(10)));
  }

  @Test
  void scripted_start_delay_reports_running_only_when_the_time_has_come() {
    runtime.script("slow", FakeBehavior.runsForever().withStartDelay(Duration.ofSeconds(5)));
    String id = createAndStart(container("slow", IMAGE));
    assertThat(state(id).status()).isEqualTo(ContainerStatus.CREATED);
    runtime.advance(Duration.ofSeconds(5));
    assertThat(state(id).running()).isTrue();
    assertThat(state(id).startedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void scripted_start_error_is_a_value_with_an_ecs_reason() {
    runtime.script("bad", FakeBehavior.runsForever().withStartError("exec: \"nope\": not found"));
    String id = created(runtime.create(spec(container("bad", IMAGE))));
    assertThat(runtime.start(id)).isEqualTo(
        new StartResult.Failed("CannotStartContainerError: exec: \"nope\": not found"));
    assertThat(state(id).status()).isEqualTo(ContainerStatus.CREATED);
    assertThat(state(id).error()).contains("not found");
  }

  @Test
  void scripted_create_error_and_missing_image() {
    runtime.script("bad", FakeBehavior.runsForever().withCreateError("invalid mount"));
    assertThat(runtime.create(spec(container("bad", IMAGE))))
        .isEqualTo(new CreateResult.Failed("CannotCreateContainerError: invalid mount"));
    assertThat(runtime.create(spec(container("app", "not-pulled:1"))))
        .isEqualTo(new CreateResult.Failed("CannotCreateContainerError: No such image: not-pulled:1"));
  }

  @Test
  void images_are_present_or_pulled_or_fail_to_pull() {
    assertThat(runtime.ensureImage(IMAGE)).isInstanceOf(ImageResult.Present.class);
    clock.advance(Duration.ofSeconds(1));
    assertThat(runtime.ensureImage("new:1")).isInstanceOfSatisfying(ImageResult.Pulled.class,
        p -> assertThat(p.pullStartedAt()).isEqualTo(T0.plusSeconds(1)));
    assertThat(runtime.ensureImage("new:1")).isInstanceOf(ImageResult.Present.class);
    runtime.scriptImage("gone:1", FakeBehavior.runsForever().withPullError("manifest unknown"));
    assertThat(runtime.ensureImage("gone:1")).isInstanceOfSatisfying(ImageResult.Failed.class,
        f -> assertThat(f.reason()).isEqualTo("CannotPullContainerError: manifest unknown"));
  }

  @Test
  void sigterm_ignored_or_too_slow_ends_in_sigkill() {
    runtime.script("stubborn", FakeBehavior.runsForever().ignoringSigterm());
    runtime.script("slow", FakeBehavior.runsForever().withSigterm(Duration.ofSeconds(20), 0));
    runtime.script("polite", FakeBehavior.runsForever().withSigterm(Duration.ofSeconds(1), 0));
    String stubborn = createAndStart(container("stubborn", IMAGE));
    String slow = createAndStart(container("slow", IMAGE));
    String polite = createAndStart(container("polite", IMAGE));
    runtime.stop(stubborn, Duration.ofSeconds(30));
    runtime.stop(slow, Duration.ofSeconds(10));
    runtime.stop(polite, Duration.ofSeconds(10));
    assertThat(state(stubborn).exitCode()).isEqualTo(137);
    assertThat(state(slow).exitCode()).isEqualTo(137);
    assertThat(state(polite).exitCode()).isEqualTo(0);
  }

  @Test
  void oom_kill_is_reported() {
    runtime.script("hog", FakeBehavior.runsForever().withOomKillAfter(Duration.ofSeconds(2)));
    String id = createAndStart(container("hog", IMAGE));
    runtime.advance(Duration.ofSeconds(2));
    assertThat(state(id).oomKilled()).isTrue();
    assertThat(state(id).exitCode()).isEqualTo(137);
  }

  @Test
  void crash_stops_a_running_container_now() {
    String id = createAndStart(container("app", IMAGE));
    runtime.crash(id, 139);
    assertThat(state(id).exitCode()).isEqualTo(139);
  }

  @Test
  void health_is_none_without_a_check_and_follows_the_script_with_one() {
    assertThat(state(createAndStart(container("plain", IMAGE))).health()).isEqualTo(HealthStatus.NONE);
    HealthCheck check = new HealthCheck(List.of("CMD-SHELL", "true"), 10, 2, 3, null);
    String byDefault = createAndStart(container("web", IMAGE).healthCheck(check));
    runtime.script("flaky", FakeBehavior.runsForever().withHealth(
        new FakeBehavior.HealthStep(Duration.ofSeconds(5), HealthStatus.HEALTHY),
        new FakeBehavior.HealthStep(Duration.ofSeconds(60), HealthStatus.UNHEALTHY)));
    String flaky = createAndStart(container("flaky", IMAGE).healthCheck(check));
    assertThat(state(byDefault).health()).isEqualTo(HealthStatus.STARTING);
    runtime.advance(Duration.ofSeconds(5));
    assertThat(state(flaky).health()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(state(byDefault).health()).isEqualTo(HealthStatus.STARTING);
    runtime.advance(Duration.ofSeconds(5));
    assertThat(state(byDefault).health()).isEqualTo(HealthStatus.HEALTHY);
    runtime.advance(Duration.ofSeconds(50));
    assertThat(state(flaky).health()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(events).filteredOn(e -> e instanceof RuntimeEvent.HealthChanged)
        .extracting(e -> ((RuntimeEvent.HealthChanged) e).health())
        .containsExactly(HealthStatus.HEALTHY, HealthStatus.HEALTHY, HealthStatus.UNHEALTHY);
  }

  @Test
  void transitions_of_several_containers_are_applied_in_time_order() {
    runtime.script("a", FakeBehavior.exitsAfter(Duration.ofSeconds(3), 1));
    runtime.script("b", FakeBehavior.exitsAfter(Duration.ofSeconds(1), 2));
    createAndStart(container("a", IMAGE));
    createAndStart(container("b", IMAGE));
    events.clear();
    runtime.advance(Duration.ofSeconds(10));
    assertThat(events).extracting(e -> ((RuntimeEvent.Died) e).exitCode()).containsExactly(2, 1);
  }

  @Test
  void dynamic_ports_come_from_the_ephemeral_range_and_static_ones_conflict() {
    var web = container("web", IMAGE).portMappings(List.of(
        new PortMapping(80, null, "tcp", null, null, null),
        new PortMapping(53, 8053, "udp", null, null, null)));
    String id = createAndStart(web);
    assertThat(state(id).networkBindings()).containsExactly(
        new NetworkBinding("0.0.0.0", 80, 32768, "tcp"),
        new NetworkBinding("0.0.0.0", 53, 8053, "udp"));
    String second = created(runtime.create(spec(web)));
    assertThat(runtime.start(second)).isInstanceOfSatisfying(StartResult.Failed.class,
        f -> assertThat(f.reason()).contains("Bind for 0.0.0.0:8053 failed: port is already allocated"));
    runtime.stop(id, Duration.ZERO);
    assertThat(state(id).networkBindings()).isEmpty();
    assertThat(runtime.start(second)).isEqualTo(new StartResult.Started());
  }

  @Test
  void list_finds_containers_by_label_and_remove_forgets_them() {
    String id = createAndStart(container("app", IMAGE));
    assertThat(runtime.list(Map.of(ContainerLabels.TASK_ARN, TaskContexts.TASK_ARN)))
        .singleElement().satisfies(s -> {
          assertThat(s.runtimeId()).isEqualTo(id);
          assertThat(s.labels()).containsEntry(ContainerLabels.CONTAINER_NAME, "app");
        });
    assertThat(runtime.list(Map.of(ContainerLabels.TASK_ARN, "other"))).isEmpty();
    runtime.remove(id);
    assertThat(runtime.inspect(id)).isEmpty();
    assertThat(runtime.list(Map.of())).isEmpty();
  }

  @Test
  void volumes_are_created_when_allowed_and_kept_while_in_use() {
    VolumeSpec shared = new VolumeSpec("cache", VolumeSpec.Scope.SHARED, false, null, Map.of(), Map.of());
    assertThat(runtime.ensureVolume(shared)).isInstanceOf(VolumeResult.Failed.class);
    VolumeSpec task = new VolumeSpec("t1", VolumeSpec.Scope.TASK, false, null, Map.of(),
        Map.of("k", "v"));
    assertThat(runtime.ensureVolume(task)).isEqualTo(new VolumeResult.Ready("t1", true));
    assertThat(runtime.ensureVolume(task)).isEqualTo(new VolumeResult.Ready("t1", false));
    assertThat(runtime.listVolumes(Map.of("k", "v"))).containsExactly("t1");
    assertThat(runtime.removeVolume("t1")).isTrue();
    assertThat(runtime.listVolumes(Map.of())).isEmpty();
  }

  @Test
  void closed_subscriptions_receive_nothing_more() {
    List<RuntimeEvent> mine = new ArrayList<>();
    EventSubscription sub = runtime.events(mine::add);
    String id = createAndStart(container("app", IMAGE));
    sub.close();
    runtime.stop(id, Duration.ZERO);
    assertThat(mine).hasSize(1);
  }

  @Test
  void an_unavailable_runtime_throws() {
    runtime.setUnavailable(true);
    assertThatThrownBy(() -> runtime.inspect("x")).isInstanceOf(RuntimeUnavailableException.class);
    runtime.setUnavailable(false);
    assertThat(runtime.inspect("x")).isEmpty();
  }

  @Test
  void an_exited_container_can_be_started_again() {
    runtime.script("job", FakeBehavior.exitsAfter(Duration.ofSeconds(1), 1));
    String id = createAndStart(container("job", IMAGE));
    runtime.advance(Duration.ofSeconds(1));
    assertThat(runtime.start(id)).isEqualTo(new StartResult.Started());
    assertThat(state(id).running()).isTrue();
    assertThat(state(id).exitCode()).isNull();
    runtime.advance(Duration.ofSeconds(1));
    assertThat(state(id).exitCode()).isEqualTo(1);
  }
}
