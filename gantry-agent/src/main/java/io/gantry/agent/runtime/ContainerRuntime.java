package io.gantry.agent.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations the task engine needs from a container runtime. Expected outcomes (an image that
 * cannot be pulled, a container that cannot be created or started) are values carrying an ECS
 * reason; a {@link RuntimeUnavailableException} means the runtime itself is broken or unreachable.
 * Implementations are safe to call from any thread.
 */
public interface ContainerRuntime extends AutoCloseable {

  /** Uses {@code image} when present locally, otherwise pulls it. */
  ImageResult ensureImage(String image);

  /** Creates (does not start) a container; the spec's labels are set at creation. */
  CreateResult create(ContainerSpec spec);

  /** Starts a created container; starting a running one is not an error. */
  StartResult start(String runtimeId);

  /** The container's current state, or empty when no such container exists. */
  Optional<ContainerState> inspect(String runtimeId);

  /**
   * Sends SIGTERM, waits up to {@code timeout}, then SIGKILL; returns once the container has
   * stopped. Stopping a stopped or missing container does nothing.
   */
  void stop(String runtimeId, Duration timeout);

  /** Removes a container (killing it if it still runs) and its anonymous volumes; idempotent. */
  void remove(String runtimeId);

  /** Every container, running or not, that carries all the given labels (empty map: all). */
  List<ContainerSummary> list(Map<String, String> labels);

  /** Makes a volume ready for mounting: finds it, or creates it when the spec allows. */
  VolumeResult ensureVolume(VolumeSpec spec);

  /** Removes a volume; true when it is gone (or never existed), false while a container uses it. */
  boolean removeVolume(String name);

  /** Names of the volumes that carry all the given labels. */
  List<String> listVolumes(Map<String, String> labels);

  /**
   * Delivers container start, exit and health changes to {@code listener} until the returned
   * subscription is closed. Events of one subscription arrive in order on one thread.
   */
  EventSubscription events(RuntimeEventListener listener);

  /**
   * Makes the bridge network of a subnet ready: reuses the network of that name when its block is
   * the same, creates it when missing. Empty when ready, else why not (an ECS-style reason).
   * Runtimes without networks (the fake one) have nothing to do.
   */
  default Optional<String> ensureNetwork(BridgeNetworkSpec spec) {
    return Optional.empty();
  }

  /** Creates (does not start) the pause container of an awsvpc task on its network. */
  default CreateResult createPause(PauseSpec spec) {
    return create(spec.asContainerSpec());
  }

  /**
   * Makes the parent cgroup of task {@code taskId} hold the task-level limits ({@code cpuUnits}
   * of 1024 per core, {@code memoryMib}; null: no limit) and returns its path for {@link
   * ResourceSpec#cgroupParent}; null when this runtime does not place containers in task cgroups.
   *
   * @throws IllegalStateException when the cgroup cannot be made (the message says why)
   */
  default String ensureTaskCgroup(String taskId, Integer cpuUnits, Integer memoryMib) {
    return null;
  }

  /** Removes the task's parent cgroup once its containers are gone; idempotent. */
  default void removeTaskCgroup(String taskId) {}

  /** What the runtime and its machine offer. */
  RuntimeInfo info();

  /** Releases connections and ends every event subscription. */
  @Override
  void close();
}
