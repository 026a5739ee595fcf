package io.gantry.server.services;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.Service;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How a service's deployment history changes: a new deployment (PENDING until the controller takes
 * it up; the ones not finished are STOPPED, superseded), completion, failure, rollback, the
 * controller's acknowledgement of what was asked; at most {@link #MAX} entries are kept (the
 * oldest finished ones go first). Ids in ARNs are derived from the {@code ecs-svc/…} id, so these
 * functions stay pure.
 */
final class DeploymentHistories {
  static final int MAX = 25;
  static final String SUPERSEDED = "Superseded by a newer service deployment.";

  private DeploymentHistories() {}

  /** The history after {@code started} began on {@code service} (as it is with the new deployment). */
  static List<DeploymentHistory> started(List<DeploymentHistory> history, Service service, Deployment started,
      Instant now) {
    List<DeploymentHistory> out = new ArrayList<>();
    for (DeploymentHistory h : history) {
      out.add(h.ongoing() ? h.with(DeploymentHistory.STOPPED, SUPERSEDED, now) : h);
    }
    List<DeploymentHistory.Source> sources = new ArrayList<>();
    for (Deployment d : service.deployments()) {
      if (!d.id().equals(started.id())) {
        revisionOf(history, d.id()).ifPresent(r -> sources.add(new DeploymentHistory.Source(d.id(), r,
            d.taskDefinition())));
      }
    }
    DeploymentHistory.Revision revision = new DeploymentHistory.Revision(revisionId(started.id()),
        started.taskDefinition(), started.launchType(), service.capacityProviderStrategy(), service.platformFamily(),
        service.platformVersion(), service.networkConfiguration(), now);
    out.add(new DeploymentHistory(started.id(), arnId(started.id()), revision, sources,
        service.deploymentConfiguration(), DeploymentHistory.PENDING, null, now, null, null, null, now, 0, false,
        null, null, null, null));
    return trim(out);
  }

  /** Deployment {@code id} (or the rollback it runs) completed. */
  static List<DeploymentHistory> completed(List<DeploymentHistory> history, Deployment d, Instant now) {
    return map(history, h -> {
      if (d.id().equals(h.deploymentId()) && h.rollingOut()) {
        return h.with(DeploymentHistory.SUCCESSFUL, "Service deployment completed.", now)
            .withFailures(d.failedTasks(), false);
      }
      if (d.id().equals(h.rollbackDeploymentId()) && h.ongoing()) {
        return h.with(DeploymentHistory.ROLLBACK_SUCCESSFUL, h.statusReason(), now);
      }
      return h;
    });
  }

  /** Deployment {@code d} failed (the circuit breaker): STOPPED, or ROLLBACK_FAILED when it was a rollback. */
  static List<DeploymentHistory> failed(List<DeploymentHistory> history, Deployment d, String reason, Instant now) {
    return map(history, h -> {
      if (d.id().equals(h.deploymentId()) && h.rollingOut()) {
        return h.with(DeploymentHistory.STOPPED, reason, now).withFailures(d.failedTasks(), true);
      }
      if (d.id().equals(h.rollbackDeploymentId()) && h.ongoing()) {
        return h.with(DeploymentHistory.ROLLBACK_FAILED, reason, now);
      }
      return h;
    });
  }

  /** Deployment {@code failedId} is rolled back by deployment {@code next} to the revision {@code lastCompletedId} ran. */
  static List<DeploymentHistory> rollingBack(List<DeploymentHistory> history, String failedId, String lastCompletedId,
      Deployment next, String reason, Instant now) {
    Optional<String> to = revisionOf(history, lastCompletedId);
    return map(history, h -> failedId.equals(h.deploymentId())
        ? h.rollingBack(DeploymentHistory.ROLLBACK_IN_PROGRESS, reason, to.orElse(null), next.id(), now) : h);
  }

  /**
   * The controller has taken up what was asked: PENDING → IN_PROGRESS, ROLLBACK_REQUESTED →
   * ROLLBACK_IN_PROGRESS, STOP_REQUESTED → STOPPED (the same list when nothing waits).
   */
  static List<DeploymentHistory> acknowledged(List<DeploymentHistory> history, Instant now) {
    return awaitingController(history) ? map(history, h -> switch (h.status()) {
      case DeploymentHistory.PENDING -> h.with(DeploymentHistory.IN_PROGRESS, null, now);
      case DeploymentHistory.ROLLBACK_REQUESTED -> h.with(DeploymentHistory.ROLLBACK_IN_PROGRESS, null, now);
      case DeploymentHistory.STOP_REQUESTED -> h.with(DeploymentHistory.STOPPED, null, now);
      default -> h;
    }) : history;
  }

  /** Some entry waits for the controller to take it up (see {@link #acknowledged}). */
  static boolean awaitingController(List<DeploymentHistory> history) {
    for (DeploymentHistory h : history) {
      if (DeploymentHistory.PENDING.equals(h.status()) || DeploymentHistory.ROLLBACK_REQUESTED.equals(h.status())
          || DeploymentHistory.STOP_REQUESTED.equals(h.status())) {
        return true;
      }
    }
    return false;
  }

  /** The revision deployment {@code ecsSvcId} runs: its own entry's, or the one a rollback deployment returns to. */
  static Optional<String> revisionOf(List<DeploymentHistory> history, String ecsSvcId) {
    for (DeploymentHistory h : history) {
      if (ecsSvcId.equals(h.deploymentId())) {
        return Optional.of(h.revision().id());
      }
      if (ecsSvcId.equals(h.rollbackDeploymentId())) {
        return Optional.ofNullable(h.rollbackRevisionId());
      }
    }
    return Optional.empty();
  }

  static Optional<DeploymentHistory> byArnId(List<DeploymentHistory> history, String arnId) {
    return history.stream().filter(h -> h.arnId().equals(arnId)).findFirst();
  }

  /** The id of a service deployment's ARN: 21 URL-safe characters derived from {@code ecsSvcId}. */
  static String arnId(String ecsSvcId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest("deployment|" + ecsSvcId)).substring(0, 21);
  }

  /** The id of a service revision's ARN: 19 digits derived from {@code ecsSvcId}. */
  static String revisionId(String ecsSvcId) {
    byte[] d = digest("revision|" + ecsSvcId);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[i] & 0xff);
    }
    return String.valueOf(1_000_000_000_000_000_000L + Math.floorMod(v, 8_000_000_000_000_000_000L));
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<DeploymentHistory> map(List<DeploymentHistory> history, UnaryOperator<DeploymentHistory> f) {
    return history.stream().map(f).toList();
  }

  private static List<DeploymentHistory> trim(List<DeploymentHistory> history) {
    List<DeploymentHistory> out = new ArrayList<>(history);
    for (int i = 0; out.size() > MAX && i < out.size(); ) {
      if (out.get(i).ongoing()) {
        i++;
      } else {
        out.remove(i);
      }
    }
    return out;
  }
}
