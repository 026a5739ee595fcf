package io.gantry.server.services;

import io.gantry.api.ecs.service.DescribeServicesRequest;
import io.gantry.api.ecs.service.DescribeServicesResponse;
import io.gantry.api.ecs.service.ListServicesRequest;
import io.gantry.api.ecs.service.ListServicesResponse;
import io.gantry.api.ecs.service.Service;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.task.TaskEnums;
import io.gantry.model.taskdef.TaskDefinitionEnums;
import io.gantry.server.clusters.ClusterRefs;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.paging.Pages;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DescribeServices and ListServices. INACTIVE services stay describable; ListServices lists
 * ACTIVE and DRAINING ones. Reads only; thread-safe.
 */
final class ServiceReads {
  static final int LIST_DEFAULT = 10;
  static final int LIST_MAX = 100;

  private final EntityStore store;
  private final TagStore tags;
  private final ClusterRefs clusters;
  private final ServiceRefs refs;

  ServiceReads(EntityStore store, TagStore tags) {
    this.store = store;
    this.tags = tags;
    this.clusters = new ClusterRefs(store);
    this.refs = new ServiceRefs(store);
  }

  /** The services asked for, in the order asked; a MISSING failure (with the service ARN) for each unknown one. */
  DescribeServicesResponse describe(RequestContext ctx, DescribeServicesRequest req) {
    ServiceRules.describe(req.services(), req.include());
    Scope scope = ctx.scope();
    String cluster = clusters.active(scope, req.cluster()).value().clusterName();
    boolean withTags = req.include() != null && req.include().contains("TAGS");
    List<Service> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : req.services()) {
      Optional<Versioned<StoredService>> stored = refs.find(scope, cluster, ref);
      if (stored.isPresent()) {
        Service s = ServiceDeploymentViews.shown(scope, stored.get().value());
        found.add(s.withTags(withTags ? tags.tags(scope, s.serviceArn()) : List.<Tag>of()));
      } else {
        failures.add(Failure.missing(ServiceRefs.arnFor(scope, cluster, ref)));
      }
    }
    return new DescribeServicesResponse(failures, found);
  }

  ListServicesResponse list(RequestContext ctx, ListServicesRequest req) {
    TaskDefinitionEnums.checkValue(req.launchType(), TaskEnums.LAUNCH_TYPE, "launchType");
    TaskDefinitionEnums.checkValue(req.schedulingStrategy(), ServiceRules.SCHEDULING_STRATEGIES, "schedulingStrategy");
    Scope scope = ctx.scope();
    String cluster = clusters.active(scope, req.cluster()).value().clusterName();
    List<String> arns = new ArrayList<>();
    for (Versioned<StoredService> v : store.list(StateKeys.services(scope, cluster), StoredService.class)) {
      Service s = v.value().service();
      if ((req.launchType() == null || req.launchType().equals(s.launchType()))
          && (req.schedulingStrategy() == null || req.schedulingStrategy().equals(s.schedulingStrategy()))) {
        arns.add(s.serviceArn());
      }
    }
    arns.sort(null);
    Pages.Page<String> page = Pages.page(arns, a -> a, req.nextToken(), req.maxResults(), LIST_DEFAULT, LIST_MAX);
    return new ListServicesResponse(page.nextToken(), page.items());
  }
}
