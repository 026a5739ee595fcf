package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.Service;
import io.gantry.model.EcsException;
import io.gantry.model.Tag;
import io.gantry.model.task.Task;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagStore;
import io.gantry.server.tags.Tags;
import io.gantry.server.tasks.ServiceTasks;
import io.gantry.store.Txn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs one reconciler decision for one service: the stops and launches first (through the
 * task path, so launches are placed and committed exactly like RunTask's), then one
 * compare-and-set write of the service record with the record actions and the events the effects
 * produced ("has started 2 tasks: …", "was unable to place a task …"). If the API changed the
 * service meanwhile (a newer generation), only the events are written and the service is looked
 * at again. Runs on the controller's one thread.
 */
final class ServiceExecutor {
  private static final Logger log = LoggerFactory.getLogger(ServiceExecutor.class);

  private final EntityStore store;
  private final TagStore tags;
  private final ServiceTasks tasks;
  private final ServiceTaskIndex index;
  private final ServiceUpdates definitions;
  private final Supplier<String> eventIds;
  private final Duration placementRetry;

  ServiceExecutor(EntityStore store, TagStore tags, ServiceTasks tasks, ServiceTaskIndex index,
      ServiceUpdates definitions, Supplier<String> eventIds, Duration placementRetry) {
    this.store = store;
    this.tags = tags;
    this.tasks = tasks;
    this.index = index;
    this.definitions = definitions;
    this.eventIds = eventIds;
    this.placementRetry = placementRetry;
  }

  /** Performs {@code decision}; returns when to look at the service again (null: when something changes). */
  Duration perform(ServiceKey key, StoredService seen, ServiceReconciler.Decision decision, Instant now) {
    Duration requeue = decision.requeueAfter();
    List<ServiceAction> events = new ArrayList<>();
    List<ServiceAction> record = new ArrayList<>();
    for (ServiceAction a : decision.actions()) {
      if (a instanceof ServiceAction.Stop stop) {
        for (String id : stop.taskIds()) {
          tasks.stop(key.scope(), key.cluster(), id, stop.reason(), stop.atOnce(), now);
        }
      } else if (a instanceof ServiceAction.Launch launch) {
        if (!launch(key, seen.service(), launch.deploymentId(), launch.taskDefinition(),
            (spec, td) -> tasks.launch(spec, seen.service().networkConfiguration(), launch.count(), now), events)) {
          requeue = min(requeue, placementRetry);
        }
      } else if (a instanceof ServiceAction.LaunchOn launch) {
        if (!launch(key, seen.service(), launch.deploymentId(), launch.taskDefinition(),
            (spec, td) -> tasks.launchOn(spec, seen.service().networkConfiguration(), launch.instanceIds(), now),
            events)) {
          requeue = min(requeue, placementRetry);
        }
      } else {
        record.add(a);
      }
    }
    write(key, seen, record, events, now);
    return requeue;
  }

  /**
   * What a service's tasks on managed capacity carry (launch type FARGATE, or a strategy with
   * FARGATE / FARGATE_SPOT items, whose parts show their own provider); null otherwise.
   */
  private static ServiceTasks.Fargate fargate(Service s, List<io.gantry.model.cluster.CapacityProviderStrategyItem> strategy) {
    if (!"FARGATE".equals(s.launchType()) && !ServiceTasks.hasFargate(strategy)) {
      return null;
    }
    return new ServiceTasks.Fargate(strategy.isEmpty() ? "FARGATE" : null, s.platformVersion(),
        s.networkConfiguration());
  }

  /** Launches; true when every task was placed. */
  private boolean launch(ServiceKey key, Service s, String deploymentId, String taskDefinition, Launcher launcher,
      List<ServiceAction> events) {
    Optional<TaskDefinition> td = definitions.definition(key.scope(), taskDefinition);
    if (td.isEmpty()) {
      log.warn("service {}: task definition {} is gone", key, taskDefinition);
      return false;
    }
    ServiceTasks.Launched out;
    try {
      out = launcher.launch(new ServiceTasks.Launch(key.scope(), key.cluster(), key.name(), deploymentId,
          td.get(), s.launchType(), Boolean.TRUE.equals(s.enableExecuteCommand()), taskTags(key, s, td.get()),
          s.placementConstraints(), s.placementStrategy(), strategy(s, deploymentId),
          fargate(s, strategy(s, deploymentId))), td.get());
    } catch (EcsException e) {
      log.warn("service {}: cannot launch tasks: {}", key, e.getMessage());
      return false;
    }
    java.util.Map<String, Task> launched = new java.util.LinkedHashMap<>();
    out.tasks().forEach(t -> launched.put(ServiceTasks.key(key.scope(), key.cluster(),
        t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1)), t));
    index.launched(key, launched);
    if (!out.tasks().isEmpty()) {
      events.add(new ServiceAction.Emit(ServiceEvents.started(key.name(),
          out.tasks().stream().map(Task::taskArn).map(a -> a.substring(a.lastIndexOf('/') + 1)).toList())));
    }
    if (!out.failures().isEmpty()) {
      String message = ServiceEvents.unableToPlace(key.name(), out.failures());
      if (s.events().isEmpty() || !s.events().get(0).message().equals(message)) {
        events.add(new ServiceAction.Emit(message));
      }
      return false;
    }
    return true;
  }

  /** The capacity-provider strategy of deployment {@code id}, else the service's. */
  private static List<io.gantry.model.cluster.CapacityProviderStrategyItem> strategy(Service s, String id) {
    return s.deployments().stream().filter(d -> d.id().equals(id) && !d.capacityProviderStrategy().isEmpty())
        .map(Deployment::capacityProviderStrategy).findFirst().orElse(s.capacityProviderStrategy());
  }

  /** One way of launching a deployment's tasks: by count (REPLICA) or on named instances (DAEMON). */
  private interface Launcher {
    ServiceTasks.Launched launch(ServiceTasks.Launch spec, TaskDefinition td);
  }

  /** The tags of the service's new tasks: propagated from the service or the definition, plus ECS managed tags. */
  private List<Tag> taskTags(ServiceKey key, Service s, TaskDefinition td) {
    List<Tag> out = new ArrayList<>();
    if ("SERVICE".equals(s.propagateTags())) {
      out.addAll(tags.tags(key.scope(), s.serviceArn()));
    } else if ("TASK_DEFINITION".equals(s.propagateTags())) {
      out.addAll(tags.tags(key.scope(), td.taskDefinitionArn()));
    }
    if (Boolean.TRUE.equals(s.enableECSManagedTags())) {
      out = new ArrayList<>(Tags.merge(out, List.of(new Tag("aws:ecs:clusterName", key.cluster()),
          new Tag("aws:ecs:serviceName", key.name()))));
    }
    return out;
  }

  private void write(ServiceKey key, StoredService seen, List<ServiceAction> record, List<ServiceAction> events,
      Instant now) {
    store.retry(attempt -> {
      Optional<Versioned<StoredService>> found = store.get(ServiceRefs.key(key.scope(), key.cluster(), key.name()),
          StoredService.class);
      if (found.isEmpty()) {
        return new EntityStore.Attempt<>(null, null);
      }
      StoredService current = found.get().value();
      List<ServiceAction> actions = new ArrayList<>();
      if (current.generation() == seen.generation()) {
        actions.addAll(record);
      } else {
        record.stream().filter(a -> a instanceof ServiceAction.Emit).forEach(actions::add);
      }
      actions.addAll(events);
      StoredService next = ServiceChanges.apply(current, actions, now, eventIds);
      if (next.equals(current)) {
        return new EntityStore.Attempt<>(null, null);
      }
      Txn.Builder txn = Txn.builder().modRevisionIs(found.get().key(), found.get().modRevision());
      if (Service.INACTIVE.equals(next.service().status())) {
        String inactive = ServiceRefs.inactiveKey(key.scope(), key.cluster(), key.name());
        txn.delete(found.get().key()).put(inactive, store.encode(next.with(next.service().toBuilder()
            .deployments(next.service().deployments().stream()
                .map(d -> d.withStatus(Deployment.INACTIVE, now)).toList()).build())));
      } else {
        txn.put(found.get().key(), store.encode(next));
      }
      return new EntityStore.Attempt<>(txn.build(), null);
    });
  }

  private static Duration min(Duration a, Duration b) {
    return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
  }
}
