package io.gantry.agent.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.ListContainersCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.gantry.agent.runtime.BridgeNetworkSpec;
import io.gantry.agent.runtime.ContainerRuntime;
import io.gantry.agent.runtime.PauseSpec;
import io.gantry.agent.runtime.ContainerSpec;
import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.ContainerSummary;
import io.gantry.agent.runtime.CreateResult;
import io.gantry.agent.runtime.EventSubscription;
import io.gantry.agent.runtime.ImageResult;
import io.gantry.agent.runtime.RuntimeEventListener;
import io.gantry.agent.runtime.RuntimeInfo;
import io.gantry.agent.runtime.StartResult;
import io.gantry.agent.runtime.VolumeResult;
import io.gantry.agent.runtime.VolumeSpec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@link ContainerRuntime} on the Docker Engine API through docker-java and its zerodep
 * transport. Two clients share the daemon address: one for ordinary calls, bounded by the
 * configured response timeout, and one without a read timeout for the calls that legitimately
 * block (stop, pull, the event stream), which are bounded by the stop timeout, the pull timeout
 * and close respectively. Thread-safe: the clients are, and the only mutable state is the set of
 * open event subscriptions.
 */
public final class DockerRuntime implements ContainerRuntime {
  static final String PULL_ERROR = "CannotPullContainerError: ";
  static final String CREATE_ERROR = "CannotCreateContainerError: ";
  static final String START_ERROR = "CannotStartContainerError: ";
  static final String VOLUME_ERROR = "CannotCreateVolumeError: ";

  private final DockerRuntimeConfig config;
  private final Clock clock;
  private final ThreadFactory threads;
  private final DockerClient calls;
  private final DockerClient streams;
  private final Set<DockerEventStream> subscriptions = ConcurrentHashMap.newKeySet();
  private final DockerNetworks networks;
  private volatile String cgroupDriver;
  private final TaskCgroups cgroups = new TaskCgroups(java.nio.file.Path.of("/sys/fs/cgroup"));

  public DockerRuntime(DockerRuntimeConfig config, Clock clock, ThreadFactory threads) {
    this.config = config;
    this.clock = clock;
    this.threads = threads;
    this.calls = client(config, config.responseTimeout());
    this.streams = client(config, null);
    this.networks = new DockerNetworks(calls);
  }

  /** The runtime on the system clock, with daemon threads named {@code gantry-docker-events-N}. */
  public DockerRuntime(DockerRuntimeConfig config) {
    this(config, Clock.systemUTC(), daemonThreads());
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "gantry-docker-events-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static DockerClient client(DockerRuntimeConfig config, Duration responseTimeout) {
    DefaultDockerClientConfig clientConfig = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(config.dockerHost().toString())
        .withDockerTlsVerify(false)
        .build();
    ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.dockerHost())
        .maxConnections(config.maxConnections())
        .connectionTimeout(config.connectTimeout());
    if (responseTimeout != null) {
      http.responseTimeout(responseTimeout);
    }
    return DockerClientImpl.getInstance(clientConfig, http.build());
  }

  @Override
  public ImageResult ensureImage(String image) {
    return new DockerImagePuller(calls, streams, clock, config.pullTimeout()).ensure(image);
  }

  @Override
  public CreateResult create(ContainerSpec spec) {
    CreateContainerCmd cmd = calls.createContainerCmd(spec.image());
    try {
      DockerSpecMapping.apply(cmd, spec);
    } catch (IllegalArgumentException e) {
      return new CreateResult.Failed(CREATE_ERROR + e.getMessage());
    }
    try {
      String id = cmd.exec().getId();
      return new CreateResult.Created(id, spec.name());
    } catch (RuntimeException e) {
      if (DockerErrors.isAnswer(e)) {
        return new CreateResult.Failed(CREATE_ERROR + DockerErrors.message(e));
      }
      throw DockerErrors.unavailable("create", e);
    }
  }

  @Override
  public Optional<String> ensureNetwork(BridgeNetworkSpec spec) {
    return networks.ensure(spec);
  }

  @Override
  public CreateResult createPause(PauseSpec spec) {
    return networks.createPause(spec);
  }

  /**
   * The task's cgroup with its limits, when the Engine uses the cgroupfs driver; with the systemd
   * driver (which takes only slice names as parents) the task runs without a task-level cgroup,
   * its containers' own limits still apply, and a warning says so.
   */
  @Override
  public String ensureTaskCgroup(String taskId, Integer cpuUnits, Integer memoryMib) {
    String driver = cgroupDriver;
    if (driver == null) {
      driver = call("info", () -> calls.infoCmd().exec().getCGroupDriver());
      cgroupDriver = driver == null ? "cgroupfs" : driver;
    }
    if ("systemd".equals(cgroupDriver)) {
      org.slf4j.LoggerFactory.getLogger(DockerRuntime.class).warn("task {}: the Docker Engine uses the systemd cgroup "
          + "driver; Gantry sets task-level limits only with cgroupfs, so only the containers' own limits apply", taskId);
      return null;
    }
    return cgroups.ensure(taskId, cpuUnits, memoryMib);
  }

  @Override
  public void removeTaskCgroup(String taskId) {
    cgroups.remove(taskId);
  }

  @Override
  public StartResult start(String runtimeId) {
    try {
      calls.startContainerCmd(runtimeId).exec();
      return new StartResult.Started();
    } catch (NotModifiedException alreadyRunning) {
      return new StartResult.Started();
    } catch (RuntimeException e) {
      if (DockerErrors.isAnswer(e)) {
        return new StartResult.Failed(START_ERROR + DockerErrors.message(e));
      }
      throw DockerErrors.unavailable("start", e);
    }
  }

  /**
   * The container's state. A container that has just exited with 137 without the OOM flag is
   * inspected again for up to {@link OomFlagWait#WINDOW} after its exit, since dockerd may set
   * the flag a moment later (the caller's worker thread waits).
   */
  @Override
  public Optional<ContainerState> inspect(String runtimeId) {
    try {
      ContainerState state = DockerStateMapping.state(calls.inspectContainerCmd(runtimeId).exec());
      int looks = 0;
      for (Duration wait = OomFlagWait.before(state, clock.instant()); !wait.isZero() && looks++ < OomFlagWait.MAX_LOOKS;
          wait = OomFlagWait.before(state, clock.instant())) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait.toNanos());
        state = DockerStateMapping.state(calls.inspectContainerCmd(runtimeId).exec());
      }
      return Optional.of(state);
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw DockerErrors.unavailable("inspect", e);
    }
  }

  @Override
  public void stop(String runtimeId, Duration timeout) {
    int seconds = (int) Math.max(0, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
    try {
      streams.stopContainerCmd(runtimeId).withTimeout(seconds).exec();
    } catch (NotModifiedException | NotFoundException alreadyStoppedOrGone) {
      // nothing to do
    } catch (RuntimeException e) {
      throw DockerErrors.unavailable("stop", e);
    }
  }

  @Override
  public void remove(String runtimeId) {
    try {
      calls.removeContainerCmd(runtimeId).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException | ConflictException goneOrBeingRemoved) {
      // nothing to do
    } catch (RuntimeException e) {
      throw DockerErrors.unavailable("remove", e);
    }
  }

  @Override
  public List<ContainerSummary> list(Map<String, String> labels) {
    return call("list", () -> {
      ListContainersCmd cmd = calls.listContainersCmd().withShowAll(true);
      if (!labels.isEmpty()) {
        cmd.withLabelFilter(labels);
      }
      return cmd.exec().stream().map(DockerStateMapping::summary).toList();
    });
  }

  @Override
  public VolumeResult ensureVolume(VolumeSpec spec) {
    try {
      calls.inspectVolumeCmd(spec.name()).exec();
      return new VolumeResult.Ready(spec.name(), false);
    } catch (NotFoundException missing) {
      if (!spec.mayCreate()) {
        return new VolumeResult.Failed(spec.name(), VOLUME_ERROR + "volume " + spec.name()
            + " does not exist and autoprovision is false");
      }
    } catch (RuntimeException e) {
      throw DockerErrors.unavailable("volume inspect", e);
    }
    try {
      calls.createVolumeCmd()
          .withName(spec.name())
          .withDriver(spec.driver())
          .withDriverOpts(spec.driverOptions())
          .withLabels(spec.labels())
          .exec();
      return new VolumeResult.Ready(spec.name(), true);
    } catch (RuntimeException e) {
      if (DockerErrors.isAnswer(e)) {
        return new VolumeResult.Failed(spec.name(), VOLUME_ERROR + DockerErrors.message(e));
      }
      throw DockerErrors.unavailable("volume create", e);
    }
  }

  @Override
  public boolean removeVolume(String name) {
    try {
      calls.removeVolumeCmd(name).exec();
      return true;
    } catch (NotFoundException gone) {
      return true;
    } catch (ConflictException inUse) {
      return false;
    } catch (RuntimeException e) {
      throw DockerErrors.unavailable("volume remove", e);
    }
  }

  @Override
  public List<String> listVolumes(Map<String, String> labels) {
    return call("volume list", () -> {
      List<String> filter = new ArrayList<>();
      labels.forEach((k, v) -> filter.add(k + "=" + v));
      var cmd = calls.listVolumesCmd();
      if (!filter.isEmpty()) {
        cmd.withFilter("label", filter);
      }
      List<InspectVolumeResponse> volumes = cmd.exec().getVolumes();
      return volumes == null
          ? List.<String>of()
          : volumes.stream().map(InspectVolumeResponse::getName).toList();
    });
  }

  @Override
  public EventSubscription events(RuntimeEventListener listener) {
    DockerEventStream stream = new DockerEventStream(streams, listener, threads);
    subscriptions.add(stream);
    stream.open();
    return () -> {
      subscriptions.remove(stream);
      stream.close();
    };
  }

  @Override
  public RuntimeInfo info() {
    return call("info", () -> {
      Info info = calls.infoCmd().exec();
      Version version = calls.versionCmd().exec();
      return new RuntimeInfo(
          info.getServerVersion(),
          version.getApiVersion(),
          info.getNCPU() == null ? 0 : info.getNCPU(),
          info.getMemTotal() == null ? 0 : info.getMemTotal(),
          info.getOsType(),
          info.getOperatingSystem(),
          info.getArchitecture(),
          info.getKernelVersion());
    });
  }

  @Override
  public void close() {
    for (DockerEventStream stream : subscriptions) {
      stream.close();
    }
    subscriptions.clear();
    closeQuietly(calls);
    closeQuietly(streams);
  }

  private static void closeQuietly(DockerClient client) {
    try {
      client.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  private static <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      throw DockerErrors.unavailable(what, e);
    }
  }
}
