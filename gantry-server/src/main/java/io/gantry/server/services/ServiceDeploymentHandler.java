package io.gantry.server.services;

import io.gantry.api.ecs.deployment.DeploymentRequests.DescribeServiceDeploymentsRequest;
import io.gantry.api.ecs.deployment.DeploymentRequests.DescribeServiceDeploymentsResponse;
import io.gantry.api.ecs.deployment.DeploymentRequests.DescribeServiceRevisionsRequest;
import io.gantry.api.ecs.deployment.DeploymentRequests.DescribeServiceRevisionsResponse;
import io.gantry.api.ecs.deployment.DeploymentRequests.ListServiceDeploymentsRequest;
import io.gantry.api.ecs.deployment.DeploymentRequests.ListServiceDeploymentsResponse;
import io.gantry.api.ecs.deployment.DeploymentRequests.StopServiceDeploymentRequest;
import io.gantry.api.ecs.deployment.DeploymentRequests.StopServiceDeploymentResponse;
import io.gantry.api.ecs.deployment.ServiceDeployment;
import io.gantry.api.ecs.deployment.ServiceDeploymentBrief;
import io.gantry.api.ecs.deployment.ServiceRevision;
import io.gantry.api.ecs.service.Service;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.taskdef.TaskDefinitionEnums;
import io.gantry.server.clusters.ClusterRefs;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.paging.Pages;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.Versioned;
import io.gantry.store.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The service deployment operations: ListServiceDeployments (status and createdAt filters, newest
 * first, paged), DescribeServiceDeployments, DescribeServiceRevisions (up to 20 ARNs each;
 * unknown ones are MISSING failures) and StopServiceDeployment of a PENDING or IN_PROGRESS
 * deployment ({@link DeploymentStops}: ROLLBACK or ABORT; a deployment already stopping or rolling
 * back goes on as it is, a finished one is a ConflictException). Reads come from the history kept in each stored service; the stop is a
 * compare-and-set on the service record. Thread-safe.
 */
final class ServiceDeploymentHandler {
  static final int MAX_DESCRIBE = 20;
  static final int LIST_DEFAULT = 20;
  static final int LIST_MAX = 100;
  static final String NOT_FOUND = "Service deployment not found.";
  static final String NOT_IN_PROGRESS = "The service deployment is not in progress, so it cannot be stopped.";
  static final String ABORT = "ABORT";
  static final String ROLLBACK = "ROLLBACK";

  private final EntityStore store;
  private final ClusterRefs clusters;
  private final ServiceRefs refs;
  private final RandomGenerator random;

  ServiceDeploymentHandler(EntityStore store, RandomGenerator random) {
    this.store = store;
    this.clusters = new ClusterRefs(store);
    this.refs = new ServiceRefs(store);
    this.random = random;
  }

  void register(OperationRegistry registry) {
    registry
        .register("ListServiceDeployments", ListServiceDeploymentsRequest.class, this::list)
        .register("DescribeServiceDeployments", DescribeServiceDeploymentsRequest.class, this::describe)
        .register("DescribeServiceRevisions", DescribeServiceRevisionsRequest.class, this::revisions)
        .register("StopServiceDeployment", StopServiceDeploymentRequest.class, this::stop);
  }

  ListServiceDeploymentsResponse list(RequestContext ctx, ListServiceDeploymentsRequest req) {
    Scope scope = ctx.scope();
    List<String> statuses = req.status() == null ? List.of() : req.status();
    statuses.forEach(st -> TaskDefinitionEnums.checkValue(st, DeploymentHistory.STATUSES, "status"));
    String cluster = clusters.active(scope, req.cluster()).value().clusterName();
    StoredService stored = refs.find(scope, cluster, req.service()).map(Versioned::value)
        .orElseThrow(EcsException::serviceNotFound);
    Instant after = req.createdAt() == null ? null : req.createdAt().after();
    Instant before = req.createdAt() == null ? null : req.createdAt().before();
    List<DeploymentHistory> picked = new ArrayList<>();
    for (DeploymentHistory h : stored.history()) {
      if ((statuses.isEmpty() || statuses.contains(h.status()))
          && (after == null || !h.createdAt().isBefore(after)) && (before == null || !h.createdAt().isAfter(before))) {
        picked.add(h);
      }
    }
    picked.sort(Comparator.comparing(ServiceDeploymentHandler::newestFirst));
    Pages.Page<DeploymentHistory> page = Pages.page(picked, ServiceDeploymentHandler::newestFirst, req.nextToken(),
        req.maxResults(), LIST_DEFAULT, LIST_MAX);
    List<ServiceDeploymentBrief> out = page.items().stream()
        .map(h -> ServiceDeploymentViews.brief(scope, stored.service(), h)).toList();
    return new ListServiceDeploymentsResponse(page.nextToken(), out);
  }

  DescribeServiceDeploymentsResponse describe(RequestContext ctx, DescribeServiceDeploymentsRequest req) {
    List<String> arns = arns(req.serviceDeploymentArns(), "serviceDeploymentArns");
    List<ServiceDeployment> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String arn : arns) {
      Optional<Found> f = find(ctx.scope(), arn, "service-deployment");
      Optional<DeploymentHistory> h = f.flatMap(x -> DeploymentHistories.byArnId(x.stored().history(), x.id()));
      if (h.isPresent()) {
        found.add(ServiceDeploymentViews.full(ctx.scope(), f.get().stored().service(), h.get()));
      } else {
        failures.add(Failure.missing(arn));
      }
    }
    return new DescribeServiceDeploymentsResponse(failures, found);
  }

  DescribeServiceRevisionsResponse revisions(RequestContext ctx, DescribeServiceRevisionsRequest req) {
    List<String> arns = arns(req.serviceRevisionArns(), "serviceRevisionArns");
    List<ServiceRevision> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String arn : arns) {
      Optional<Found> f = find(ctx.scope(), arn, "service-revision");
      Optional<DeploymentHistory.Revision> r = f.flatMap(x -> x.stored().history().stream()
          .map(DeploymentHistory::revision).filter(rev -> rev.id().equals(x.id())).findFirst());
      if (r.isPresent()) {
        found.add(ServiceDeploymentViews.revision(ctx.scope(), f.get().stored().service(), r.get()));
      } else {
        failures.add(Failure.missing(arn));
      }
    }
    return new DescribeServiceRevisionsResponse(failures, found);
  }

  StopServiceDeploymentResponse stop(RequestContext ctx, StopServiceDeploymentRequest req) {
    String stopType = req.stopType() == null ? ROLLBACK : req.stopType();
    TaskDefinitionEnums.checkValue(stopType, List.of(ABORT, ROLLBACK), "stopType");
    Scope scope = ctx.scope();
    StopServiceDeploymentResponse answer = new StopServiceDeploymentResponse(req.serviceDeploymentArn());
    return store.retry(attempt -> {
      String[] parts = ServiceDeploymentViews.parse(scope, req.serviceDeploymentArn(), "service-deployment")
          .orElseThrow(ServiceDeploymentHandler::notFound);
      Versioned<StoredService> current = refs.live(scope, parts[0], parts[1])
          .orElseThrow(ServiceDeploymentHandler::notFound);
      StoredService stored = current.value();
      DeploymentHistory h = DeploymentHistories.byArnId(stored.history(), parts[2])
          .orElseThrow(ServiceDeploymentHandler::notFound);
      if (!h.ongoing()) {
        throw new EcsException(ErrorCode.CONFLICT, NOT_IN_PROGRESS);
      }
      if (!h.rollingOut()) {
        return new EntityStore.Attempt<>(null, answer); // a stop or rollback is already under way: it goes on
      }
      Service s = stored.service();
      if (!Service.ACTIVE.equals(s.status()) || !s.deployments().get(0).id().equals(h.deploymentId())) {
        throw new EcsException(ErrorCode.CONFLICT, NOT_IN_PROGRESS);
      }
      StoredService out = ABORT.equals(stopType) ? DeploymentStops.abort(stored, h, ctx.now())
          : DeploymentStops.rollBack(stored, h, Deployments.newId(random), ctx.now());
      Txn txn = Txn.builder().modRevisionIs(current.key(), current.modRevision())
          .put(current.key(), store.encode(out)).build();
      return new EntityStore.Attempt<>(txn, answer);
    });
  }

  /** A service and the id part of an ARN that names something of it. */
  private record Found(StoredService stored, String id) {}

  private Optional<Found> find(Scope scope, String arn, String type) {
    return ServiceDeploymentViews.parse(scope, arn, type).flatMap(p -> refs.find(scope, p[0], p[1])
        .map(v -> new Found(v.value(), p[2])));
  }

  private static List<String> arns(List<String> given, String member) {
    if (given == null || given.isEmpty()) {
      throw EcsException.invalidParameter(member + " cannot be empty.");
    }
    if (given.size() > MAX_DESCRIBE) {
      throw EcsException.invalidParameter(member + " can have at most " + MAX_DESCRIBE + " items.");
    }
    return given;
  }

  private static String newestFirst(DeploymentHistory h) {
    return String.format("%019d", Long.MAX_VALUE - h.createdAt().toEpochMilli()) + "|" + h.arnId();
  }

  private static EcsException notFound() {
    return new EcsException(ErrorCode.SERVICE_DEPLOYMENT_NOT_FOUND, NOT_FOUND);
  }
}
