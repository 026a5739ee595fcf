package io.gantry.server.services;

import io.gantry.model.Arn;
import io.gantry.model.Scope;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where services live in the key space and how requests name them: a name, or a service ARN in
 * the long form ({@code service/CLUSTER/NAME}) or the old one ({@code service/NAME}). ACTIVE and
 * DRAINING services are under {@link StateKeys#services}, which the cluster operations count;
 * INACTIVE ones move to {@link StateKeys#inactiveServices} so that they stay describable without
 * counting. Thread-safe.
 */
final class ServiceRefs {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
  private final EntityStore store;

  ServiceRefs(EntityStore store) {
    this.store = store;
  }

  static boolean validName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  static String key(Scope scope, String cluster, String name) {
    return StateKeys.services(scope, cluster) + name;
  }

  static String inactiveKey(Scope scope, String cluster, String name) {
    return StateKeys.inactiveServices(scope, cluster) + name;
  }

  /** The service name {@code ref} stands for in {@code cluster}; empty when it names another place. */
  static Optional<String> name(Scope scope, String cluster, String ref) {
    if (ref == null || ref.isEmpty()) {
      return Optional.empty();
    }
    if (!ref.startsWith("arn:")) {
      return validName(ref) ? Optional.of(ref) : Optional.empty();
    }
    Optional<Arn> arn = Arn.parse(ref);
    if (arn.isEmpty() || !"service".equals(arn.get().resourceType()) || !"ecs".equals(arn.get().service())
        || !scope.accountId().equals(arn.get().accountId()) || !scope.region().equals(arn.get().region())) {
      return Optional.empty();
    }
    String[] parts = arn.get().resource().split("/");
    if (parts.length == 2 && parts[0].equals(cluster)) {
      return Optional.of(parts[1]);
    }
    return parts.length == 1 ? Optional.of(parts[0]) : Optional.empty();
  }

  /** The ARN that stands for {@code ref} in failures. */
  static String arnFor(Scope scope, String cluster, String ref) {
    return ref != null && !ref.startsWith("arn:") ? Arn.service(scope, cluster, ref) : ref;
  }

  /** The ACTIVE or DRAINING service {@code name}. */
  Optional<Versioned<StoredService>> live(Scope scope, String cluster, String name) {
    return store.get(key(scope, cluster, name), StoredService.class);
  }

  /** The service {@code ref} names, live or else INACTIVE. */
  Optional<Versioned<StoredService>> find(Scope scope, String cluster, String ref) {
    return name(scope, cluster, ref).flatMap(n -> live(scope, cluster, n)
        .or(() -> store.get(inactiveKey(scope, cluster, n), StoredService.class)));
  }
}
