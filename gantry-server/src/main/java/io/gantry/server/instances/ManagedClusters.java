package io.gantry.server.instances;

import io.gantry.model.Arn;
import io.gantry.model.EcsException;
import io.gantry.model.Scope;
import io.gantry.model.cluster.Cluster;
import io.gantry.model.cluster.ClusterSetting;
import io.gantry.server.clusters.ClusterRefs;
import io.gantry.server.placement.ManagedCapacity;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.store.Txn;
import java.util.List;
import java.util.Optional;

/**
 * The reserved cluster managed agents register into ({@link ManagedCapacity#CLUSTER}): only the
 * operator's account may offer managed capacity (it serves every account), and its hidden cluster
 * record is created on the first registration in a region. Thread-safe; the write is a
 * create-if-absent.
 */
public final class ManagedClusters {
  private ManagedClusters() {}

  /** Nothing unless {@code clusterRef} names the managed cluster; then checks the account and makes sure the record exists. */
  static void ensure(EntityStore store, Scope scope, String clusterRef, String operatorAccount) {
    Optional<String> name = ClusterRefs.name(scope, clusterRef);
    if (name.isEmpty() || !ManagedCapacity.isManaged(name.get())) {
      return;
    }
    if (!scope.accountId().equals(operatorAccount)) {
      throw EcsException.client("Only the operator account " + operatorAccount + " can offer managed capacity "
          + "(cluster " + ManagedCapacity.CLUSTER + ").");
    }
    ensureRecord(store, scope, clusterRef);
  }

  /**
   * Makes sure the hidden record exists when {@code clusterRef} names the managed cluster (for a
   * join token that lets machines offer managed capacity); registration still checks the account.
   */
  public static void ensureRecord(EntityStore store, Scope scope, String clusterRef) {
    Optional<String> name = ClusterRefs.name(scope, clusterRef);
    if (name.isEmpty() || !ManagedCapacity.isManaged(name.get())) {
      return;
    }
    String key = StateKeys.cluster(scope, ManagedCapacity.CLUSTER);
    store.retry(attempt -> {
      if (store.get(key, Cluster.class).filter(c -> Cluster.ACTIVE.equals(c.value().status())).isPresent()) {
        return new EntityStore.Attempt<>(null, null);
      }
      Cluster cluster = new Cluster(Arn.cluster(scope, ManagedCapacity.CLUSTER), ManagedCapacity.CLUSTER, null,
          Cluster.ACTIVE, 0, 0, 0, 0, List.of(), null, List.of(new ClusterSetting("containerInsights", "disabled")),
          List.of(), List.of(), List.of(), null, null);
      Txn.Builder txn = Txn.builder();
      store.get(key, Cluster.class).ifPresentOrElse(v -> txn.modRevisionIs(key, v.modRevision()), () -> txn.absent(key));
      return new EntityStore.Attempt<>(txn.put(key, store.encode(cluster)).build(), null);
    });
  }
}
