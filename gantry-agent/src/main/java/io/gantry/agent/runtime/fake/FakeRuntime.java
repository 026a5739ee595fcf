package io.gantry.agent.runtime.fake;

import io.gantry.agent.runtime.ContainerRuntime;
import io.gantry.agent.runtime.ContainerSpec;
import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.ContainerStatus;
import io.gantry.agent.runtime.ContainerSummary;
import io.gantry.agent.runtime.CreateResult;
import io.gantry.agent.runtime.EventSubscription;
import io.gantry.agent.runtime.ImageResult;
import io.gantry.agent.runtime.RuntimeEvent;
import io.gantry.agent.runtime.RuntimeEventListener;
import io.gantry.agent.runtime.RuntimeInfo;
import io.gantry.agent.runtime.RuntimeUnavailableException;
import io.gantry.agent.runtime.StartResult;
import io.gantry.agent.runtime.VolumeResult;
import io.gantry.agent.runtime.VolumeSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * An in-memory {@link ContainerRuntime} whose containers follow a {@link FakeBehavior} script,
 * chosen by container name (the {@code io.gantry.container-name} label), else by image, else
 * the default (run until stopped). Time moves only with the injected clock: {@link #tick()}
 * applies every scripted transition due by {@code clock.instant()}, {@link #advance} moves a
 * {@link ManualClock} and ticks. Operations that Docker completes before returning (start, stop)
 * complete at once here. Like the Engine it needs an image before create, publishes ports only
 * while running (ephemeral host ports from 32768), refuses a second container on a taken static
 * host port, and reports start, exit and health changes as events. Thread-safe: state is guarded
 * by one lock; events are handed to the event executor (default: the calling thread) after the
 * lock is released, in the order they happened.
 */
public final class FakeRuntime implements ContainerRuntime {
  private static final int SIGKILL_EXIT = 137;

  private final Clock clock;
  private final Executor eventExecutor;
  private final Object lock = new Object();
  private final Map<String, FakeContainer> containers = new LinkedHashMap<>();
  private final Set<String> images = new HashSet<>();
  private final FakeVolumes volumes = new FakeVolumes();
  private final Map<String, FakeBehavior> byContainerName = new HashMap<>();
  private final Map<String, FakeBehavior> byImage = new HashMap<>();
  private final FakeTimeline timeline = new FakeTimeline();
  private final List<RuntimeEventListener> listeners = new CopyOnWriteArrayList<>();
  private FakeBehavior defaultBehavior = FakeBehavior.runsForever();
  private RuntimeInfo info = new RuntimeInfo("fake-24.0.0", "1.43", 4, 16L << 30, "linux",
      "Gantry fake runtime", "x86_64", "fake");
  private boolean unavailable;
  private long nextId;

  public FakeRuntime(Clock clock, Executor eventExecutor) {
    this.clock = clock;
    this.eventExecutor = eventExecutor;
  }

  /** Events are delivered on the thread whose call caused them. */
  public FakeRuntime(Clock clock) {
    this(clock, Runnable::run);
  }

  // ---- scripting ------------------------------------------------------------------------

  /** Images present without a pull. */
  public FakeRuntime withImages(String... present) {
    synchronized (lock) {
      images.addAll(List.of(present));
    }
    return this;
  }

  /** The behaviour of containers whose task-definition container name is {@code containerName}. */
  public FakeRuntime script(String containerName, FakeBehavior behavior) {
    synchronized (lock) {
      byContainerName.put(containerName, behavior);
    }
    return this;
  }

  /** The behaviour of pulls of {@code image} and of containers from it not scripted by name. */
  public FakeRuntime scriptImage(String image, FakeBehavior behavior) {
    synchronized (lock) {
      byImage.put(image, behavior);
    }
    return this;
  }

  public FakeRuntime defaultBehavior(FakeBehavior behavior) {
    synchronized (lock) {
      defaultBehavior = behavior;
    }
    return this;
  }

  public FakeRuntime withInfo(RuntimeInfo runtimeInfo) {
    synchronized (lock) {
      info = runtimeInfo;
    }
    return this;
  }

  /** While set, every operation throws {@link RuntimeUnavailableException} (a dead daemon). */
  public void setUnavailable(boolean down) {
    synchronized (lock) {
      unavailable = down;
    }
  }

  // ---- time -----------------------------------------------------------------------------

  /** Applies every scripted transition due by now, in time order. */
  public void tick() {
    List<RuntimeEvent> out = new ArrayList<>();
    synchronized (lock) {
      timeline.runDue(containers, clock.instant(), out);
    }
    publish(out);
  }

  /** Moves the {@link ManualClock} this runtime was built with forward, then ticks. */
  public void advance(Duration d) {
    if (!(clock instanceof ManualClock manual)) {
      throw new IllegalStateException("advance needs a ManualClock; call tick() instead");
    }
    manual.advance(d);
    tick();
  }

  /** The container exits now with {@code exitCode}, as if its process crashed. */
  public void crash(String runtimeId, int exitCode) {
    List<RuntimeEvent> out = new ArrayList<>();
    synchronized (lock) {
      FakeContainer c = containers.get(runtimeId);
      if (c != null && c.status == ContainerStatus.RUNNING) {
        FakeTimeline.exit(c, clock.instant(), exitCode, false, out);
      }
    }
    publish(out);
  }

  // ---- inspection for tests ---------------------------------------------------------------

  /** The spec a container was created from. */
  public Optional<ContainerSpec> spec(String runtimeId) {
    synchronized (lock) {
      return Optional.ofNullable(containers.get(runtimeId)).map(c -> c.spec);
    }
  }

  /** The timeout of the last stop of a container, if it was stopped. */
  public Optional<Duration> lastStopTimeout(String runtimeId) {
    synchronized (lock) {
      return Optional.ofNullable(containers.get(runtimeId)).map(c -> c.lastStopTimeout);
    }
  }

  // ---- ContainerRuntime -------------------------------------------------------------------

  @Override
  public ImageResult ensureImage(String image) {
    synchronized (lock) {
      checkAvailable();
      Instant now = clock.instant();
      if (images.contains(image)) {
        return new ImageResult.Present(image, imageId(image));
      }
      FakeBehavior b = byImage.getOrDefault(image, defaultBehavior);
      if (b.pullError() != null) {
        return new ImageResult.Failed(image, "CannotPullContainerError: " + b.pullError(), now, now);
      }
      images.add(image);
      return new ImageResult.Pulled(image, imageId(image), now, now);
    }
  }

  @Override
  public CreateResult create(ContainerSpec spec) {
    synchronized (lock) {
      checkAvailable();
      FakeBehavior b = behaviorFor(spec);
      if (b.createError() != null) {
        return new CreateResult.Failed("CannotCreateContainerError: " + b.createError());
      }
      if (!images.contains(spec.image())) {
        return new CreateResult.Failed("CannotCreateContainerError: No such image: " + spec.image());
      }
      boolean nameTaken = containers.values().stream().anyMatch(c -> c.spec.name().equals(spec.name()));
      if (nameTaken) {
        return new CreateResult.Failed("CannotCreateContainerError: Conflict. The container name \"/"
            + spec.name() + "\" is already in use");
      }
      String id = String.format("%064x", ++nextId);
      containers.put(id, new FakeContainer(id, spec, b));
      return new CreateResult.Created(id, spec.name());
    }
  }

  @Override
  public StartResult start(String runtimeId) {
    List<RuntimeEvent> out = new ArrayList<>();
    StartResult result;
    synchronized (lock) {
      checkAvailable();
      result = startLocked(runtimeId, out);
    }
    publish(out);
    return result;
  }

  private StartResult startLocked(String runtimeId, List<RuntimeEvent> out) {
    FakeContainer c = containers.get(runtimeId);
    if (c == null) {
      return new StartResult.Failed("CannotStartContainerError: No such container: " + runtimeId);
    }
    if (c.status == ContainerStatus.RUNNING || c.startPending) {
      return new StartResult.Started();
    }
    if (c.behavior.startError() != null) {
      c.error = c.behavior.startError();
      return new StartResult.Failed("CannotStartContainerError: " + c.behavior.startError());
    }
    Optional<String> conflict = FakePorts.conflict(c, containers.values());
    if (conflict.isPresent()) {
      c.error = conflict.get();
      return new StartResult.Failed("CannotStartContainerError: " + conflict.get());
    }
    c.generation++;
    c.error = null;
    c.exitCode = null;
    c.finishedAt = null;
    c.oomKilled = false;
    c.startPending = true;
    c.bindings = FakePorts.bind(c, containers.values());
    Instant now = clock.instant();
    timeline.scheduleStart(c, now.plus(c.behavior.startDelay()));
    timeline.runDue(containers, now, out);
    return new StartResult.Started();
  }

  @Override
  public Optional<ContainerState> inspect(String runtimeId) {
    synchronized (lock) {
      checkAvailable();
      return Optional.ofNullable(containers.get(runtimeId)).map(FakeContainer::state);
    }
  }

  @Override
  public void stop(String runtimeId, Duration timeout) {
    List<RuntimeEvent> out = new ArrayList<>();
    synchronized (lock) {
      checkAvailable();
      FakeContainer c = containers.get(runtimeId);
      if (c == null) {
        return;
      }
      c.lastStopTimeout = timeout;
      if (c.startPending) {
        c.generation++;
        c.startPending = false;
      } else if (c.status == ContainerStatus.RUNNING) {
        Duration grace = c.behavior.sigtermGrace();
        boolean graceful = grace != null && grace.compareTo(timeout) <= 0;
        FakeTimeline.exit(c, clock.instant(), graceful ? c.behavior.sigtermExitCode() : SIGKILL_EXIT,
            false, out);
      }
    }
    publish(out);
  }

  @Override
  public void remove(String runtimeId) {
    synchronized (lock) {
      checkAvailable();
      FakeContainer c = containers.remove(runtimeId);
      if (c != null) {
        c.generation++;
      }
    }
  }

  @Override
  public List<ContainerSummary> list(Map<String, String> labels) {
    synchronized (lock) {
      checkAvailable();
      return containers.values().stream()
          .filter(c -> c.spec.labels().entrySet().containsAll(labels.entrySet()))
          .map(FakeContainer::summary)
          .toList();
    }
  }

  @Override
  public VolumeResult ensureVolume(VolumeSpec spec) {
    synchronized (lock) {
      checkAvailable();
      return volumes.ensure(spec);
    }
  }

  @Override
  public boolean removeVolume(String name) {
    synchronized (lock) {
      checkAvailable();
      return volumes.remove(name, containers.values());
    }
  }

  @Override
  public List<String> listVolumes(Map<String, String> labels) {
    synchronized (lock) {
      checkAvailable();
      return volumes.list(labels);
    }
  }

  @Override
  public EventSubscription events(RuntimeEventListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public RuntimeInfo info() {
    synchronized (lock) {
      checkAvailable();
      return info;
    }
  }

  @Override
  public void close() {
    listeners.clear();
  }

  // ---- internals --------------------------------------------------------------------------

  private FakeBehavior behaviorFor(ContainerSpec spec) {
    FakeBehavior b = spec.containerName() == null ? null : byContainerName.get(spec.containerName());
    if (b == null) {
      b = byImage.get(spec.image());
    }
    return b == null ? defaultBehavior : b;
  }

  private void checkAvailable() {
    if (unavailable) {
      throw new RuntimeUnavailableException("fake runtime is unavailable",
          new IllegalStateException("setUnavailable(true)"));
    }
  }

  private static String imageId(String image) {
    return String.format("sha256:%064x", image.hashCode() & 0xffffffffL);
  }

  private void publish(List<RuntimeEvent> events) {
    for (RuntimeEvent e : events) {
      for (RuntimeEventListener l : listeners) {
        eventExecutor.execute(() -> l.onEvent(e));
      }
    }
  }
}
