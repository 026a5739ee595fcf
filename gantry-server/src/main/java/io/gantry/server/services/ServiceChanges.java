package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.Service;
import io.gantry.api.ecs.service.ServiceEvent;
import io.gantry.server.services.ServiceAction.DeploymentCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Folds the reconciler's record actions (and the executor's events) into the stored service,
 * in order. Events go first in the list (newest first), at most {@link #MAX_EVENTS}. Pure apart
 * from the event ids it takes from {@code ids}.
 */
final class ServiceChanges {
  static final int MAX_EVENTS = 100;

  private ServiceChanges() {}

  static StoredService apply(StoredService stored, List<ServiceAction> actions, Instant now, Supplier<String> ids) {
    StoredService out = stored;
    for (ServiceAction a : actions) {
      out = apply(out, a, now, ids);
    }
    return out;
  }

  private static StoredService apply(StoredService stored, ServiceAction action, Instant now, Supplier<String> ids) {
    Service s = stored.service();
    if (action instanceof ServiceAction.Counts c) {
      return stored.with(s.toBuilder()
          .runningCount(c.running())
          .pendingCount(c.pending())
          .deployments(s.deployments().stream().map(d -> {
            DeploymentCounts n = c.byDeployment().get(d.id());
            return n == null ? d : d.withCounts(n.desired(), n.running(), n.pending(), n.failed(), now);
          }).toList())
          .build());
    }
    if (action instanceof ServiceAction.MarkDeployment m) {
      List<Deployment> next = s.deployments().stream()
          .map(d -> d.id().equals(m.id()) ? d.withRollout(m.state(), m.reason(), now) : d).toList();
      StoredService changed = stored.with(s.toBuilder().deployments(next).build());
      Deployment marked = next.stream().filter(d -> d.id().equals(m.id())).findFirst().orElse(null);
      if (marked == null) {
        return changed;
      }
      if (Deployment.COMPLETED.equals(m.state())) {
        return changed.withLastCompleted(marked)
            .withHistory(DeploymentHistories.completed(stored.history(), marked, now));
      }
      return changed.withHistory(DeploymentHistories.failed(stored.history(), marked, m.reason(), now));
    }
    if (action instanceof ServiceAction.RollBack r) {
      List<Deployment> next = new ArrayList<>();
      next.add(r.next());
      s.deployments().forEach(d -> next.add(Deployment.PRIMARY.equals(d.status())
          ? d.withStatus(Deployment.ACTIVE, now) : d));
      StoredService rolled = stored.with(s.toBuilder().deployments(next).taskDefinition(r.next().taskDefinition())
          .build());
      return stored.lastCompleted() == null ? rolled : rolled.withHistory(DeploymentHistories.rollingBack(
          stored.history(), s.deployments().get(0).id(), stored.lastCompleted().id(), r.next(),
          r.next().rolloutStateReason(), now));
    }
    if (action instanceof ServiceAction.Retire r) {
      return stored.with(s.toBuilder()
          .deployments(s.deployments().stream().filter(d -> !d.id().equals(r.id())
              || Deployment.PRIMARY.equals(d.status())).toList())
          .build());
    }
    if (action instanceof ServiceAction.Emit e) {
      return stored.with(withEvent(s, new ServiceEvent(now, ids.get(), e.message())));
    }
    if (action instanceof ServiceAction.Acknowledge) {
      return stored.withHistory(DeploymentHistories.acknowledged(stored.history(), now));
    }
    if (action instanceof ServiceAction.Steady st) {
      return stored.withSteadySince(st.at());
    }
    if (action instanceof ServiceAction.DesiredCount dc) {
      return stored.with(s.toBuilder().desiredCount(dc.count()).build());
    }
    if (action instanceof ServiceAction.Deactivate) {
      // as ECS, deleting a service deletes its service deployments
      return stored.with(s.toBuilder().status(Service.INACTIVE).build()).withHistory(List.of());
    }
    return stored; // Launch and Stop are effects, not record changes
  }

  static Service withEvent(Service s, ServiceEvent event) {
    List<ServiceEvent> events = new ArrayList<>(MAX_EVENTS);
    events.add(event);
    for (ServiceEvent e : s.events()) {
      if (events.size() == MAX_EVENTS) {
        break;
      }
      events.add(e);
    }
    return s.toBuilder().events(events).build();
  }
}
