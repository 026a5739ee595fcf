package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.server.tasks.ServiceTasks;
import io.gantry.server.tasks.StoredTask;
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
 * {@code service:NAME}, started by one of its deployments) with the state of their instances, and
 * which deployments run health-checked task definitions. An instance whose agent has been
 * disconnected for longer than the lost-task grace (counted from when this process first saw it
 * disconnected), or that is gone, is LOST. Called on the controller's thread; the disconnection
 * times may be updated from the store's watch thread.
 */
final class ServiceObserver {
  private final EntityStore store;
  private final ServiceTasks tasks;
  private final ServiceUpdates definitions;
  private final Duration lostGrace;
  private final Map<String, Instant> disconnectedSince = new ConcurrentHashMap<>();
  private final Map<String, Boolean> healthChecked = new ConcurrentHashMap<>();

  ServiceObserver(EntityStore store, ServiceTasks tasks, ServiceUpdates definitions, Duration lostGrace) {
    this.store = store;
    this.tasks = tasks;
    this.definitions = definitions;
    this.lostGrace = lostGrace;
  }

  /**
   * Notes instance record {@code key} as it is now; returns when its tasks become lost if its
   * agent is disconnected (empty otherwise).
   */
  Optional<Instant> instanceSeen(String key, ContainerInstance instance, Instant now) {
    if (instance == null || Boolean.TRUE.equals(instance.agentConnected())) {
      disconnectedSince.remove(key);
      return Optional.empty();
    }
    return Optional.of(disconnectedSince.computeIfAbsent(key, k -> now).plus(lostGrace));
  }

  Optional<Versioned<StoredService>> service(ServiceKey key) {
    return store.get(ServiceRefs.key(key.scope(), key.cluster(), key.name()), StoredService.class);
  }

  /** The reconciler's inputs for {@code stored} at {@code now}. */
  ServiceReconciler.Inputs inputs(ServiceKey key, StoredService stored, Instant now, String spareDeploymentId,
      ServiceReconciler.Limits limits) {
    Map<String, ContainerInstance> instances = new HashMap<>();
    Map<String, String> instanceKeys = new HashMap<>();
    for (Versioned<ContainerInstance> v : store.list(StateKeys.containerInstances(key.scope(), key.cluster()),
        ContainerInstance.class)) {
      instances.put(v.value().id(), v.value());
      instanceKeys.put(v.value().id(), v.key());
      instanceSeen(v.key(), v.value(), now);
    }
    String group = ServiceTasks.group(key.name());
    List<TaskView> views = new ArrayList<>();
    for (StoredTask t : tasks.all(key.scope(), key.cluster())) {
      String startedBy = t.task().startedBy();
      if (!group.equals(t.task().group()) || startedBy == null || !startedBy.startsWith("ecs-svc/")) {
        continue;
      }
      if (t.managed()) { // a FARGATE task: its host is a managed node
        String nodeKey = io.gantry.server.placement.ManagedCapacity.instanceKey(t.managedInstanceArn()).orElse("");
        ContainerInstance node = store.get(nodeKey, ContainerInstance.class).map(Versioned::value).orElse(null);
        instanceSeen(nodeKey, node, now);
        views.add(TaskView.of(t.id(), t.task(), t.nodeId(), host(node, nodeKey, now)));
        continue;
      }
      views.add(TaskView.of(t.id(), t.task(), t.containerInstanceId(),
          host(instances.get(t.containerInstanceId()), instanceKeys.get(t.containerInstanceId()), now)));
    }
    Set<String> checked = new HashSet<>();
    for (Deployment d : stored.service().deployments()) {
      if (healthChecked(key, d.taskDefinition())) {
        checked.add(d.id());
      }
    }
    return new ServiceReconciler.Inputs(stored, views, checked, now, spareDeploymentId, limits);
  }

  private TaskView.Host host(ContainerInstance instance, String key, Instant now) {
    if (instance == null) {
      return TaskView.Host.LOST;
    }
    Instant since = disconnectedSince.get(key);
    if (!Boolean.TRUE.equals(instance.agentConnected()) && since != null && !now.isBefore(since.plus(lostGrace))) {
      return TaskView.Host.LOST;
    }
    return ContainerInstance.DRAINING.equals(instance.status()) ? TaskView.Host.DRAINING : TaskView.Host.OK;
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
