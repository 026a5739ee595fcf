package io.gantry.agent.engine;

import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.agent.runtime.BridgeNetworkSpec;
import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerRuntime;
import io.gantry.agent.runtime.ContainerSpec;
import io.gantry.agent.runtime.ContainerSummary;
import io.gantry.agent.runtime.CreateResult;
import io.gantry.agent.runtime.ImageResult;
import io.gantry.agent.runtime.NetworkSpec;
import io.gantry.agent.runtime.PauseSpec;
import io.gantry.agent.runtime.StartResult;
import io.gantry.api.agent.TaskNetwork;
import io.gantry.model.taskdef.TaskSize;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runtime work of an awsvpc task, run on a worker like the rest of {@link ActionRunner}: the
 * task's cgroup with its task-level limits, the subnet's bridge network, and the pause container
 * that holds the task's address and MAC on it (found by its labels before one is created, so a
 * restarted agent never makes a second); the task's containers then join the pause container's
 * network namespace; once they have all stopped the pause container goes, freeing the address.
 */
final class TaskNetworkSteps {
  static final String INIT_ERROR = "ResourceInitializationError: ";

  private final ContainerRuntime runtime;
  private final AgentPolicy policy;

  TaskNetworkSteps(ContainerRuntime runtime, AgentPolicy policy) {
    this.runtime = runtime;
    this.policy = policy;
  }

  /** Makes the task's cgroup, network and running pause container; empty when ready, else why not. */
  Optional<String> prepare(TaskRecord task, String engineId) {
    TaskNetwork net = task.assignment().network();
    if (runtime.ensureImage(policy.pauseImage()) instanceof ImageResult.Failed f) {
      return Optional.of(INIT_ERROR + "the pause image " + policy.pauseImage() + " is not available on this instance "
          + "(build it with scripts/lib.sh ensure_pause_image, or set --pause-image): " + f.reason());
    }
    String cgroup;
    try {
      cgroup = cgroupParent(task);
    } catch (IllegalStateException e) {
      return Optional.of(INIT_ERROR + e.getMessage());
    }
    BridgeNetworkSpec network = BridgeNetworkSpec.forSubnet(net.subnetId(), net.cidrBlock(), net.gatewayAddress());
    Optional<String> refused = runtime.ensureNetwork(network);
    if (refused.isPresent()) {
      return refused;
    }
    String id = pauseId(task.taskArn()).orElse(null);
    if (id == null) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put(ContainerLabels.TASK_ARN, task.taskArn());
      labels.put(ContainerLabels.CONTAINER_NAME, PauseSpec.CONTAINER_NAME);
      labels.put(ContainerLabels.ENGINE_ID, engineId);
      labels.put(ContainerLabels.ECS_TASK_ARN, task.taskArn());
      labels.put(ContainerLabels.ECS_CONTAINER_NAME, PauseSpec.CONTAINER_NAME);
      String name = "ecs-" + Assignments.clusterName(task.assignment().task().clusterArn()) + "-"
          + taskId(task.taskArn()) + "-internalecspause";
      CreateResult created = runtime.createPause(new PauseSpec(name, policy.pauseImage(), labels, network.name(),
          net.privateIpv4Address(), net.macAddress(), cgroup));
      if (created instanceof CreateResult.Failed failed) {
        return Optional.of(failed.reason());
      }
      id = ((CreateResult.Created) created).runtimeId();
    }
    if (runtime.start(id) instanceof StartResult.Failed failed) {
      return Optional.of(INIT_ERROR + "cannot start the task's pause container: " + failed.reason());
    }
    return Optional.empty();
  }

  /**
   * {@code spec} joined to the task's pause container: its network namespace (no ports of its
   * own: the task is reached on its address) and its cgroup. Empty when the pause container is gone.
   */
  Optional<ContainerSpec> joined(TaskRecord task, ContainerSpec spec) {
    Optional<String> pause = pauseId(task.taskArn());
    if (pause.isEmpty()) {
      return Optional.empty();
    }
    NetworkSpec n = spec.network();
    NetworkSpec inPause = new NetworkSpec("container:" + pause.get(), null, n.disabled(), List.of(), List.of(),
        List.of(), List.of(), List.of());
    return Optional.of(new ContainerSpec(spec.name(), spec.image(), spec.labels(), spec.process(),
        spec.resources().withCgroupParent(cgroupParent(task)), inPause, spec.security(), spec.storage(),
        spec.healthCheck(), spec.stopTimeout()));
  }

  /** Stops and removes the task's pause container, then its (now empty) cgroup. */
  void release(TaskRecord task) {
    for (ContainerSummary s : runtime.list(pauseLabels(task.taskArn()))) {
      runtime.stop(s.runtimeId(), Duration.ofSeconds(2));
      runtime.remove(s.runtimeId());
    }
    runtime.removeTaskCgroup(taskId(task.taskArn()));
  }

  /** The task's cgroup parent with its limits written, or null without task-level limits. */
  private String cgroupParent(TaskRecord task) {
    String cpu = task.assignment().task().cpu();
    String memory = task.assignment().task().memory();
    if (cpu == null && memory == null) {
      return null;
    }
    TaskSize size = TaskSize.parse(cpu, memory);
    return runtime.ensureTaskCgroup(taskId(task.taskArn()), size.cpu(), size.memory());
  }

  private Optional<String> pauseId(String taskArn) {
    List<ContainerSummary> found = runtime.list(pauseLabels(taskArn));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).runtimeId());
  }

  private static Map<String, String> pauseLabels(String taskArn) {
    return Map.of(ContainerLabels.TASK_ARN, taskArn, ContainerLabels.CONTAINER_NAME, PauseSpec.CONTAINER_NAME);
  }

  static String taskId(String taskArn) {
    return taskArn.substring(taskArn.lastIndexOf('/') + 1);
  }
}
