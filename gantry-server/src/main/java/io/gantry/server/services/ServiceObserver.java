package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.model.Tag;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.server.tags.TagStore;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.Versioned;
import io.gantry.server.tasks.ServiceTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gathers what the reconciler decides on for one service: the stored service, its tasks (group
 * {@code service:NAME}, started by one of its deployments, from the {@link ServiceTaskIndex}) with
 * the state of their instances (from the placement state's ledger), and
 * which deployments run health-checked task definitions. An instance whose agent has been
 * disconnected for longer than the lost-task grace (counted from when this process first saw it
 * disconnected), or that is gone, is LOST. Called on the controller's thread; the disconnection
 * times may be updated from the store's watch thread.
 */
final class ServiceObserver {
  private final EntityStore store;
  private final ServiceTasks tasks;
  private final ServiceTaskIndex index;
  private final ServiceUpdates definitions;
  private final TagStore tags;
  private final Duration lostGrace;
  private final int massDisconnectPercent;
  /** The service or cluster tag that sets the lost-task grace in seconds (beyond ECS). */
  static final String LOST_GRACE_TAG = "gantry:lost-task-grace-seconds";

  private final Map<String, Instant> disconnectedSince = new ConcurrentHashMap<>();
  /** Instances whose tasks were given up as lost (by record key), and per cluster when the last one was. */
  private final Map<String, Instant> givenUp = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastGivenUp = new HashMap<>();
  private final Duration lostInstanceInterval;
  private Instant pendingTurn;
  private final Map<String, Boolean> healthChecked = new ConcurrentHashMap<>();

  ServiceObserver(EntityStore store, ServiceTasks tasks, ServiceTaskIndex index, ServiceUpdates definitions,
      TagStore tags, Duration lostGrace, int massDisconnectPercent, Duration lostInstanceInterval) {
    this.lostInstanceInterval = lostInstanceInterval;
    this.tags = tags;
    this.massDisconnectPercent = massDisconnectPercent;
    this.store = store;
    this.tasks = tasks;
    this.index = index;
    this.definitions = definitions;
    this.lostGrace = lostGrace;
  }

  /**
   * Notes instance record {@code key} as it is now; returns since when its agent has been seen
   * disconnected (empty when it is connected).
   */
  Optional<Instant> instanceSeen(String key, ContainerInstance instance, Instant now) {
    if (instance == null || Boolean.TRUE.equals(instance.agentConnected())) {
      disconnectedSince.remove(key);
      givenUp.remove(key);
      return Optional.empty();
    }
    return Optional.of(disconnectedSince.computeIfAbsent(key, k -> now));
  }

  /**
   * How long the service's tasks may stay on a disconnected instance before they are replaced:
   * the service's tag {@value #LOST_GRACE_TAG} (seconds), else its cluster's, else the server's
   * {@code lost-task-grace-seconds}.
   */
  Duration lostGrace(ServiceKey key, String serviceArn) {
    return lostGrace(key, tags.tags(key.scope(), serviceArn));
  }

  /** {@link #lostGrace(ServiceKey, String)} with the service's tags already read. */
  private Duration lostGrace(ServiceKey key, List<Tag> serviceTags) {
    return seconds(serviceTags, LOST_GRACE_TAG)
        .or(() -> seconds(tags.tags(key.scope(), io.gantry.model.Arn.cluster(key.scope(), key.cluster())),
            LOST_GRACE_TAG))
        .orElse(lostGrace);
  }

  /** Tag {@code name} among {@code tags} as whole seconds ≥ 0; empty when absent or not such a number. */
  private static Optional<Duration> seconds(List<Tag> tags, String name) {
    for (Tag t : tags) {
      if (name.equals(t.key())) {
        try {
          long seconds = Long.parseLong(t.value().trim());
          return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException | NullPointerException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  Optional<Versioned<StoredService>> service(ServiceKey key) {
    return store.get(ServiceRefs.key(key.scope(), key.cluster(), key.name()), StoredService.class);
  }

  /**
   * The reconciler's inputs for {@code stored} at {@code now}, and the cluster's mass-disconnect
   * state: while it is paused, tasks on disconnected instances are not LOST (not replaced).
   */
  Observed inputs(ServiceKey key, StoredService stored, Instant now, String spareDeploymentId,
      ServiceReconciler.Limits limits) {
    Map<String, ContainerInstance> instances = new HashMap<>();
    Map<String, String> instanceKeys = new HashMap<>();
    int registered = 0;
    int disconnected = 0;
    for (Versioned<ContainerInstance> v : tasks.instances(key.scope(), key.cluster())) {
      instances.put(v.value().id(), v.value());
      instanceKeys.put(v.value().id(), v.key());
      instanceSeen(v.key(), v.value(), now);
      if (!ContainerInstance.INACTIVE.equals(v.value().status())) {
        registered++;
        disconnected += Boolean.TRUE.equals(v.value().agentConnected()) ? 0 : 1;
      }
    }
    MassDisconnect mass = new MassDisconnect(registered, disconnected, massDisconnectPercent);
    if (mass.paused()) {
      // the pause does not count towards the grace: an instance still away when the cluster
      // recovers gets a full grace from then to come back before its tasks are replaced
      instanceKeys.values().forEach(k -> disconnectedSince.computeIfPresent(k, (x, since) -> now));
    }
    index.awaitCurrent(store.kv().revision());
    List<Tag> serviceTags = tags.tags(key.scope(), stored.service().serviceArn()); // read once per pass
    Duration grace = lostGrace(key, serviceTags);
    List<TaskView> views = new ArrayList<>();
    for (ServiceTaskIndex.Entry t : index.tasks(key)) {
      String startedBy = t.task().startedBy();
      if (startedBy == null || !startedBy.startsWith("ecs-svc/")) {
        continue;
      }
      if (t.managed()) { // a FARGATE task: its host is a managed node
        if (t.managedInstanceArn() == null) { // just launched, its record not yet seen on the watch
          views.add(TaskView.of(t.id(), t.task(), null, TaskView.Host.OK));
          continue;
        }
        String nodeKey = io.gantry.server.placement.ManagedCapacity.instanceKey(t.managedInstanceArn()).orElse("");
        ContainerInstance node = store.get(nodeKey, ContainerInstance.class).map(Versioned::value).orElse(null);
        instanceSeen(nodeKey, node, now);
        String nodeId = t.managedInstanceArn().substring(t.managedInstanceArn().lastIndexOf('/') + 1);
        views.add(TaskView.of(t.id(), t.task(), nodeId, host(node, nodeKey, now, grace)));
        continue;
      }
      TaskView.Host host = host(instances.get(t.instanceId()), instanceKeys.get(t.instanceId()), now, grace);
      if (host == TaskView.Host.LOST && mass.paused() && instances.containsKey(t.instanceId())) {
        host = TaskView.Host.OK; // its agent is away, like most of the cluster's: wait, do not replace
      }
      views.add(TaskView.of(t.id(), t.task(), t.instanceId(), host));
    }
    Set<String> checked = new HashSet<>();
    for (Deployment d : stored.service().deployments()) {
      if (healthChecked(key, d.taskDefinition())) {
        checked.add(d.id());
      }
    }
    ServiceTasks.DaemonHosts daemon = null;
    if (ServiceRules.DAEMON.equals(stored.service().schedulingStrategy()) && !stored.service().deployments().isEmpty()) {
      daemon = daemonHosts(key, stored, instances, instanceKeys, now, grace);
    }
    return new Observed(new ServiceReconciler.Inputs(stored, views, checked, now, spareDeploymentId, limits, daemon,
        seconds(serviceTags, ServiceReconciler.EARLY_EXIT_TAG).orElse(null)), mass);
  }

  /** The instances a DAEMON service belongs on: eligible ones whose agent is not lost. */
  private ServiceTasks.DaemonHosts daemonHosts(ServiceKey key, StoredService stored,
      Map<String, ContainerInstance> instances, Map<String, String> instanceKeys, Instant now, Duration grace) {
    Optional<TaskDefinition> td = definitions.definition(key.scope(), stored.service().deployments().get(0)
        .taskDefinition());
    if (td.isEmpty()) {
      return new ServiceTasks.DaemonHosts(Set.of(), Set.of());
    }
    ServiceTasks.DaemonHosts hosts = tasks.daemonHosts(key.scope(), key.cluster(), key.name(),
        stored.service().placementConstraints(), td.get());
    Set<String> eligible = new HashSet<>();
    for (String id : hosts.eligible()) {
      if (host(instances.get(id), instanceKeys.get(id), now, grace) == TaskView.Host.OK) {
        eligible.add(id);
      }
    }
    return new ServiceTasks.DaemonHosts(eligible, hosts.busyDraining());
  }

  /** What {@link #inputs} found. */
  record Observed(ServiceReconciler.Inputs inputs, MassDisconnect mass) {}

  private TaskView.Host host(ContainerInstance instance, String key, Instant now, Duration grace) {
    if (instance == null) {
      return TaskView.Host.LOST;
    }
    Instant since = disconnectedSince.get(key);
    if (!Boolean.TRUE.equals(instance.agentConnected()) && since != null && !now.isBefore(since.plus(grace))
        && giveUp(key, now)) {
      return TaskView.Host.LOST;
    }
    return ContainerInstance.DRAINING.equals(instance.status()) ? TaskView.Host.DRAINING : TaskView.Host.OK;
  }

  /**
   * Whether the tasks of instance {@code key}, past its grace, may be given up now: it was given
   * up before, or no other instance of its cluster was given up in the last
   * {@code lostInstanceInterval} (a storm of replacements waits its turn, one instance at a time,
   * as Kubernetes rate-limits node evictions; the resync looks again).
   */
  private synchronized boolean giveUp(String key, Instant now) {
    if (givenUp.containsKey(key)) {
      return true;
    }
    String cluster = key.substring(0, key.lastIndexOf('/') + 1);
    Instant last = lastGivenUp.get(cluster);
    if (last != null && now.isBefore(last.plus(lostInstanceInterval))) {
      Instant turn = last.plus(lostInstanceInterval);
      pendingTurn = pendingTurn == null || turn.isBefore(pendingTurn) ? turn : pendingTurn;
      return false;
    }
    givenUp.put(key, now);
    lastGivenUp.put(cluster, now);
    return true;
  }

  /**
   * When an instance refused by {@link #giveUp} since the last call may be given up (so the
   * service that saw it looks again then), and forgets it; empty when none was refused.
   */
  synchronized Optional<Instant> takePendingTurn() {
    Optional<Instant> turn = Optional.ofNullable(pendingTurn);
    pendingTurn = null;
    return turn;
  }

  /** Whether the definition has an essential container with a health check (cached: definitions do not change). */
  private boolean healthChecked(ServiceKey key, String taskDefinitionArn) {
    return healthChecked.computeIfAbsent(taskDefinitionArn, arn -> definitions.definition(key.scope(), arn)
        .map(ServiceObserver::healthChecked).orElse(false));
  }

  static boolean healthChecked(TaskDefinition td) {
    for (ContainerDefinition c : td.containerDefinitions()) {
      if (c.healthCheck() != null && !Boolean.FALSE.equals(c.essential())) {
        return true;
      }
    }
    return false;
  }
}
