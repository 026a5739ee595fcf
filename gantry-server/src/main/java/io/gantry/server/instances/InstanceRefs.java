package io.gantry.server.instances;

import io.gantry.model.Arn;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves a reference to a container instance of one cluster — a full ARN (with or without the
 * cluster part), {@code cluster/id} or a bare id — to its stored record. A reference into another
 * cluster, account or region names nothing here. Thread-safe.
 */
public final class InstanceRefs {
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
  private final EntityStore store;

  public InstanceRefs(EntityStore store) {
    this.store = store;
  }

  /** The instance id {@code ref} stands for in cluster {@code clusterName}; empty when it cannot name one there. */
  public static Optional<String> id(Scope scope, String clusterName, String ref) {
    if (ref == null || ref.isEmpty()) {
      return Optional.empty();
    }
    String resource = ref;
    if (ref.startsWith("arn:")) {
      Optional<Arn> arn = Arn.parse(ref);
      if (arn.isEmpty()) {
        return Optional.empty();
      }
      Arn a = arn.get();
      boolean ours = a.service().equals("ecs") && a.resourceType().equals("container-instance")
          && a.accountId().equals(scope.accountId()) && a.region().equals(scope.region());
      if (!ours) {
        return Optional.empty();
      }
      resource = a.resource();
    }
    int slash = resource.indexOf('/');
    if (slash >= 0) {
      if (!resource.substring(0, slash).equals(clusterName)) {
        return Optional.empty();
      }
      resource = resource.substring(slash + 1);
    }
    return ID.matcher(resource).matches() ? Optional.of(resource) : Optional.empty();
  }

  /** The ARN that stands for {@code ref} in failures: the instance's ARN when the reference is well formed, else the reference. */
  public static String arnFor(Scope scope, String clusterName, String ref) {
    return id(scope, clusterName, ref).map(id -> Arn.containerInstance(scope, clusterName, id)).orElse(ref);
  }

  /** The stored instance {@code ref} names in cluster {@code clusterName}. */
  public Optional<Versioned<ContainerInstance>> find(Scope scope, String clusterName, String ref) {
    return id(scope, clusterName, ref)
        .flatMap(id -> store.get(StateKeys.containerInstance(scope, clusterName, id), ContainerInstance.class));
  }
}
