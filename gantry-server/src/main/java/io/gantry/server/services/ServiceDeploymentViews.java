package io.gantry.server.services;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.ecs.deployment.ServiceDeployment;
import io.gantry.api.ecs.deployment.ServiceDeploymentBrief;
import io.gantry.api.ecs.deployment.ServiceRevision;
import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.DeploymentCircuitBreaker;
import io.gantry.api.ecs.service.Service;
import io.gantry.api.ecs.service.ServiceCurrentRevisionSummary;
import io.gantry.model.Arn;
import io.gantry.model.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The wire shapes of a service's deployment history: ServiceDeployment (with the task counts of
 * its revisions while they still run), ServiceDeploymentBrief and ServiceRevision, and their ARNs
 * ({@code service-deployment/CLUSTER/SERVICE/ID}, {@code service-revision/CLUSTER/SERVICE/ID}).
 * Pure.
 */
final class ServiceDeploymentViews {
  private ServiceDeploymentViews() {}

  static String deploymentArn(Scope scope, String cluster, String service, String arnId) {
    return Arn.of(scope, "service-deployment", cluster + "/" + service + "/" + arnId).toString();
  }

  static String revisionArn(Scope scope, String cluster, String service, String revisionId) {
    return Arn.of(scope, "service-revision", cluster + "/" + service + "/" + revisionId).toString();
  }

  /** The cluster, service and id an ARN of {@code type} names in {@code scope}; empty when it names nothing here. */
  static Optional<String[]> parse(Scope scope, String arn, String type) {
    return Arn.parse(arn).filter(a -> type.equals(a.resourceType()) && scope.accountId().equals(a.accountId())
        && scope.region().equals(a.region())).map(a -> a.resource().split("/")).filter(p -> p.length == 3);
  }

  static ServiceDeploymentBrief brief(Scope scope, Service s, DeploymentHistory h) {
    String cluster = clusterName(s);
    return new ServiceDeploymentBrief(s.clusterArn(), h.createdAt(), h.finishedAt(), s.serviceArn(),
        deploymentArn(scope, cluster, s.serviceName(), h.arnId()), h.startedAt(), h.status(), h.statusReason(),
        revisionArn(scope, cluster, s.serviceName(), h.revision().id()));
  }

  static ServiceDeployment full(Scope scope, Service s, DeploymentHistory h) {
    String cluster = clusterName(s);
    String name = s.serviceName();
    List<ServiceDeployment.ServiceRevisionSummary> sources = new ArrayList<>();
    for (DeploymentHistory.Source src : h.sources()) {
      sources.add(summary(revisionArn(scope, cluster, name, src.revisionId()), live(s, src.deploymentId())));
    }
    Optional<Deployment> mine = live(s, h.deploymentId());
    DeploymentCircuitBreaker breaker = h.configuration() == null ? DeploymentCircuitBreaker.OFF
        : h.configuration().breaker();
    int desired = mine.map(d -> d.desiredCount() == null ? 0 : d.desiredCount())
        .orElse(s.desiredCount() == null ? 0 : s.desiredCount());
    int failed = mine.map(d -> d.failedTasks() == null ? 0 : d.failedTasks())
        .orElse(h.failedTasks() == null ? 0 : h.failedTasks());
    String breakerStatus = !breaker.enabled() ? "DISABLED" : h.breakerTriggered() ? "TRIGGERED"
        : h.ongoing() ? "MONITORING" : "MONITORING_COMPLETE";
    ServiceDeployment.Rollback rollback = h.rollbackStartedAt() == null ? null : new ServiceDeployment.Rollback(
        h.rollbackReason(), h.rollbackRevisionId() == null ? null
            : revisionArn(scope, cluster, name, h.rollbackRevisionId()), h.rollbackStartedAt());
    return new ServiceDeployment(
        alarms(h),
        s.clusterArn(), h.createdAt(),
        new ServiceDeployment.ServiceDeploymentCircuitBreaker(failed, breakerStatus, Rollout.failureThreshold(desired)),
        h.configuration(), h.finishedAt(), null, rollback, s.serviceArn(),
        deploymentArn(scope, cluster, name, h.arnId()), sources, h.startedAt(), h.status(), h.statusReason(),
        h.stoppedAt(), summary(revisionArn(scope, cluster, name, h.revision().id()), mine), h.updatedAt());
  }

  /**
   * The service as DescribeServices shows it: with {@code currentServiceDeployment} (its newest
   * service deployment) and {@code currentServiceRevisions} (the revision of each deployment it
   * still lists, with that deployment's task counts).
   */
  static Service shown(Scope scope, StoredService stored) {
    Service s = stored.service();
    if (stored.history().isEmpty()) {
      return s;
    }
    String cluster = clusterName(s);
    DeploymentHistory newest = stored.history().get(stored.history().size() - 1);
    List<ServiceCurrentRevisionSummary> revisions = new ArrayList<>();
    for (Deployment d : s.deployments()) {
      DeploymentHistories.revisionOf(stored.history(), d.id()).ifPresent(r -> revisions.add(
          new ServiceCurrentRevisionSummary(revisionArn(scope, cluster, s.serviceName(), r), nz(d.pendingCount()),
              nz(d.desiredCount()), nz(d.runningCount()))));
    }
    return s.toBuilder()
        .currentServiceDeployment(deploymentArn(scope, cluster, s.serviceName(), newest.arnId()))
        .currentServiceRevisions(revisions)
        .build();
  }

  static ServiceRevision revision(Scope scope, Service s, DeploymentHistory.Revision r) {
    return new ServiceRevision(r.capacityProviderStrategy(), s.clusterArn(), r.createdAt(), r.launchType(),
        s.loadBalancers(), r.networkConfiguration(), r.platformFamily(), r.platformVersion(), s.serviceArn(),
        s.serviceRegistries(), revisionArn(scope, clusterName(s), s.serviceName(), r.id()), r.taskDefinition());
  }

  /**
   * The deployment's CloudWatch alarms: the names configured, always DISABLED — Gantry has no
   * CloudWatch, so alarms are kept as given and never evaluated (no alarm-based rollback).
   */
  private static ServiceDeployment.ServiceDeploymentAlarms alarms(DeploymentHistory h) {
    List<String> names = new ArrayList<>();
    JsonNode alarms = h.configuration() == null ? null : h.configuration().alarms();
    if (alarms != null && alarms.path("alarmNames").isArray()) {
      alarms.path("alarmNames").forEach(n -> names.add(n.asText()));
    }
    return new ServiceDeployment.ServiceDeploymentAlarms(names, "DISABLED", List.of());
  }

  private static ServiceDeployment.ServiceRevisionSummary summary(String arn, Optional<Deployment> d) {
    return d.map(x -> new ServiceDeployment.ServiceRevisionSummary(arn, nz(x.pendingCount()), null,
        nz(x.desiredCount()), null, nz(x.runningCount())))
        .orElse(new ServiceDeployment.ServiceRevisionSummary(arn, 0, null, 0, null, 0));
  }

  private static Optional<Deployment> live(Service s, String ecsSvcId) {
    return s.deployments().stream().filter(d -> d.id().equals(ecsSvcId)).findFirst();
  }

  private static String clusterName(Service s) {
    return s.clusterArn().substring(s.clusterArn().lastIndexOf('/') + 1);
  }

  private static int nz(Integer v) {
    return v == null ? 0 : v;
  }
}
