package io.gantry.scheduler.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One container instance as the scheduler sees it: identity, status, agent, attributes, what is
 * left of its resources and which task groups already have tasks on it. Immutable; {@link
 * #reserve} returns the node as it is with one more task.
 *
 * @param arn the container instance ARN
 * @param id the id part of the ARN (what {@code spread(instanceId)} distinguishes)
 * @param ec2InstanceId the EC2 (or host) instance id, may be null
 * @param status the ECS status: ACTIVE, DRAINING, INACTIVE, REGISTERING, DEREGISTERING, …
 * @param agentConnected whether the node's agent holds a session
 * @param agentVersion the agent version, may be null
 * @param registeredAt when the instance registered, may be null
 * @param attributes ECS attribute name to value; a null value is a presence-only attribute
 * @param cpu remaining CPU units
 * @param memory remaining memory in MiB
 * @param tcpPorts TCP host ports in use
 * @param udpPorts UDP host ports in use
 * @param freeGpuIds ids of the GPUs no task holds, in the order they are handed out
 * @param runningTasksCount tasks RUNNING on the node (pending ones are not counted, as in ECS)
 * @param taskGroups task group ("family:web", "service:api") to its number of tasks not stopped
 * @param capacityProviderName the capacity provider of the node, may be null
 */
public record Node(String arn, String id, String ec2InstanceId, String status, boolean agentConnected,
    String agentVersion, Instant registeredAt, Map<String, String> attributes, long cpu, long memory,
    Set<Integer> tcpPorts, Set<Integer> udpPorts, List<String> freeGpuIds, int runningTasksCount,
    Map<String, Integer> taskGroups, String capacityProviderName) {

  /** Told apart from every attribute value by identity: what a lookup of an absent attribute returns. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String MISSING = new String("");

  /** The status of a node that takes new tasks. */
  public static final String ACTIVE = "ACTIVE";

  public Node {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    attributes = Collections.unmodifiableMap(new HashMap<>(attributes)); // values may be null
    tcpPorts = Set.copyOf(tcpPorts);
    udpPorts = Set.copyOf(udpPorts);
    freeGpuIds = List.copyOf(freeGpuIds);
    taskGroups = Map.copyOf(taskGroups);
  }

  /** The value of attribute {@code name}; null when absent or presence-only (see {@link #hasAttribute}). */
  public String attribute(String name) {
    return attributes.get(name);
  }

  /**
   * The value of attribute {@code name} with one map lookup: {@code ""} for a presence-only
   * attribute, {@code absent} when the node does not have it.
   */
  @SuppressWarnings("StringEquality")
  public String attributeOr(String name, String absent) {
    String value = attributes.getOrDefault(name, MISSING);
    if (value == MISSING) {
      return absent;
    }
    return value == null ? "" : value;
  }

  public boolean hasAttribute(String name) {
    return attributes.containsKey(name);
  }

  /**
   * Whether {@code other} has this node's profile: everything but what its tasks use (status,
   * agent, ids, registration time, attributes, capacity provider). What depends only on the
   * profile can be reused across snapshots while it holds.
   */
  public boolean sameProfile(Node other) {
    return this == other || (arn.equals(other.arn) && id.equals(other.id) && status.equals(other.status)
        && agentConnected == other.agentConnected && Objects.equals(ec2InstanceId, other.ec2InstanceId)
        && Objects.equals(agentVersion, other.agentVersion) && Objects.equals(registeredAt, other.registeredAt)
        && Objects.equals(capacityProviderName, other.capacityProviderName)
        && (attributes == other.attributes || attributes.equals(other.attributes)));
  }

  /** Tasks of {@code group} on the node that are not stopped. */
  public int tasksOf(String group) {
    return group == null ? 0 : taskGroups.getOrDefault(group, 0);
  }

  /** The GPU ids {@link #reserve} hands to a task with {@code demand}: the first free ones. */
  public List<String> gpuIdsFor(Demand demand) {
    return freeGpuIds.subList(0, Math.min(demand.gpus(), freeGpuIds.size()));
  }

  /**
   * This node with one more task of {@code group} (may be null) holding {@code demand}: its CPU,
   * memory, static ports and first free GPUs taken. Does not check that it fits (see {@code
   * Fit}); the running count is unchanged because a placed task starts as pending.
   */
  public Node reserve(Demand demand, String group) {
    Set<Integer> tcp = tcpPorts;
    if (!demand.tcpPorts().isEmpty()) {
      tcp = new HashSet<>(tcpPorts);
      tcp.addAll(demand.tcpPorts());
    }
    Set<Integer> udp = udpPorts;
    if (!demand.udpPorts().isEmpty()) {
      udp = new HashSet<>(udpPorts);
      udp.addAll(demand.udpPorts());
    }
    List<String> gpus = freeGpuIds;
    if (demand.gpus() > 0) {
      gpus = new ArrayList<>(freeGpuIds.subList(Math.min(demand.gpus(), freeGpuIds.size()), freeGpuIds.size()));
    }
    Map<String, Integer> groups = taskGroups;
    if (group != null) {
      groups = new HashMap<>(taskGroups);
      groups.merge(group, 1, Integer::sum);
    }
    return new Node(arn, id, ec2InstanceId, status, agentConnected, agentVersion, registeredAt, attributes,
        cpu - demand.cpu(), memory - demand.memory(), tcp, udp, gpus, runningTasksCount, groups,
        capacityProviderName);
  }
}
