package io.gantry.server.clusters;

import io.gantry.model.Arn;
import io.gantry.model.EcsException;
import io.gantry.model.Scope;
import io.gantry.model.cluster.Cluster;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves the cluster a request names (a short name or an ARN, {@code default} when absent)
 * to its stored record. Thread-safe.
 */
public final class ClusterRefs {
  public static final String DEFAULT = "default";
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

  /** How long a request waits for an in-flight DeleteCluster to decide. */
  private static final java.time.Duration DELETE_WAIT = java.time.Duration.ofSeconds(2);

  private final EntityStore store;

  public ClusterRefs(EntityStore store) {
    this.store = store;
  }

  /** The cluster name that {@code ref} stands for in {@code scope}; empty when it cannot name one. */
  public static Optional<String> name(Scope scope, String ref) {
    if (ref == null || ref.isEmpty()) {
      return Optional.of(DEFAULT);
    }
    Optional<Arn> arn = Arn.parse(ref);
    if (arn.isPresent()) {
      Arn a = arn.get();
      boolean ours = a.service().equals("ecs") && a.resourceType().equals("cluster")
          && a.accountId().equals(scope.accountId()) && a.region().equals(scope.region());
      return ours && NAME.matcher(a.resource()).matches() ? Optional.of(a.resource()) : Optional.empty();
    }
    return NAME.matcher(ref).matches() ? Optional.of(ref) : Optional.empty();
  }

  public static boolean validName(String name) {
    return NAME.matcher(name).matches();
  }

  /** The stored cluster {@code ref} names, active or not. */
  public Optional<Versioned<Cluster>> find(Scope scope, String ref) {
    return name(scope, ref).flatMap(n -> store.get(StateKeys.cluster(scope, n), Cluster.class));
  }

  /**
   * The ACTIVE cluster {@code ref} names for running tasks and services on: never the reserved
   * cluster of managed capacity (ClusterNotFoundException, as for a cluster that does not exist).
   */
  public Versioned<Cluster> forTasks(Scope scope, String ref) {
    Versioned<Cluster> found = active(scope, ref);
    if (io.gantry.server.placement.ManagedCapacity.isManaged(found.value().clusterName())) {
      throw EcsException.clusterNotFound();
    }
    return found;
  }

  /** The ACTIVE cluster {@code ref} names, or ClusterNotFoundException. */
  public Versioned<Cluster> active(Scope scope, String ref) {
    Optional<Versioned<Cluster>> found = find(scope, ref);
    long deadline = System.nanoTime() + DELETE_WAIT.toNanos();
    while (found.isPresent() && Cluster.DEPROVISIONING.equals(found.get().value().status())
        && System.nanoTime() < deadline) {
      // A DeleteCluster is checking whether the cluster is empty; it ends one way or the other.
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
      found = find(scope, ref);
    }
    return found
        .filter(v -> Cluster.ACTIVE.equals(v.value().status())
            // still DEPROVISIONING after the wait: its delete died midway; the cluster is still usable
            || Cluster.DEPROVISIONING.equals(v.value().status()))
        .orElseThrow(EcsException::clusterNotFound);
  }
}
