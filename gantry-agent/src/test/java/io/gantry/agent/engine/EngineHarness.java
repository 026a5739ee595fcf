package io.gantry.agent.engine;

import static org.awaitility.Awaitility.await;

import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerSummary;
import io.gantry.agent.runtime.fake.FakeRuntime;
import io.gantry.agent.runtime.fake.ManualClock;
import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A task engine on a {@link FakeRuntime} and a {@link ManualClock}, with a recording sink. Real
 * engine threads; time-based behaviour moves only with {@link #advance}. Closes its engines.
 */
final class EngineHarness implements AutoCloseable {
  static final Duration CLEANUP = Duration.ofMinutes(10);

  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final FakeRuntime runtime = new FakeRuntime(clock).withImages("busybox");
  final RecordingSink sink = new RecordingSink();
  final Path stateDir;
  private final List<TaskEngine> engines = new ArrayList<>();
  private long seq;
  TaskEngine engine;

  EngineHarness(Path stateDir) {
    this.stateDir = stateDir;
  }

  /** A new engine on the same state directory and runtime, started; it becomes {@link #engine}. */
  TaskEngine startEngine() {
    engine = startEngineOn(stateDir, sink);
    return engine;
  }

  /** Another engine on the same runtime, with its own state directory and sink, started. */
  TaskEngine startEngineOn(Path dir, StateSink to) {
    TaskEngineConfig config = new TaskEngineConfig(CLEANUP, Duration.ofMillis(10));
    TaskEngine e = new TaskEngine(runtime, new AgentPolicy(false, Duration.ofSeconds(30)), dir, clock,
        to, config, EngineThreads.daemon(), new SplittableRandom(dir.hashCode()));
    engines.add(e);
    e.start();
    return e;
  }

  void apply(boolean full, TaskAssignment... tasks) {
    engine.apply(new AgentMessage.DesiredTasks(++seq, full, List.of(tasks)));
  }

  void applyWithSeq(long explicitSeq, boolean full, TaskAssignment... tasks) {
    engine.apply(new AgentMessage.DesiredTasks(explicitSeq, full, List.of(tasks)));
    seq = Math.max(seq, explicitSeq);
  }

  /** Moves the clock and lets the fake runtime's scripted transitions happen. */
  void advance(Duration d) {
    runtime.advance(d);
  }

  static void eventually(BooleanSupplier condition) {
    await().atMost(20, TimeUnit.SECONDS).pollInterval(5, TimeUnit.MILLISECONDS).until(condition::getAsBoolean);
  }

  void awaitStatus(String taskArn, String status) {
    eventually(() -> status.equals(sink.lastStatus(taskArn)));
  }

  /** The containers of a task in the runtime, found by Gantry's task-ARN label. */
  List<ContainerSummary> containersOf(String taskArn) {
    return runtime.list(Map.of(ContainerLabels.TASK_ARN, taskArn));
  }

  String runtimeId(String taskArn, String containerName) {
    return containersOf(taskArn).stream()
        .filter(c -> containerName.equals(c.labels().get(ContainerLabels.CONTAINER_NAME)))
        .map(ContainerSummary::runtimeId).findFirst()
        .orElseThrow(() -> new AssertionError("no container " + containerName + " of " + taskArn));
  }

  @Override
  public void close() {
    engines.forEach(TaskEngine::close);
  }
}
