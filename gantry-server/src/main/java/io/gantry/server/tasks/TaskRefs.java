package io.gantry.server.tasks;

import io.gantry.model.Arn;
import io.gantry.model.Scope;
import io.gantry.server.state.StateKeys;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where tasks live in the key space and how requests name them: a task ARN (long form {@code
 * task/CLUSTER/ID} or the old {@code task/ID}) or a bare id. A reference into another cluster,
 * account or region is well formed but names nothing here. Pure.
 */
final class TaskRefs {
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

  private TaskRefs() {}

  static String key(Scope scope, String cluster, String id) {
    return StateKeys.tasks(scope, cluster) + id;
  }

  /** The record of the RunTask request that used {@code clientToken} (tokens are per account and region). */
  static String tokenKey(Scope scope, String cluster, String clientToken) {
    return StateKeys.runTaskToken(scope, cluster, clientToken);
  }

  /** The id part of a task ARN. */
  static String idOf(String taskArn) {
    return taskArn.substring(taskArn.lastIndexOf('/') + 1);
  }

  /** Whether {@code ref} has the form of a task ARN or id at all. */
  static boolean wellFormed(String ref) {
    if (ref == null || ref.isEmpty()) {
      return false;
    }
    if (!ref.startsWith("arn:")) {
      return ID.matcher(ref).matches();
    }
    Optional<Arn> arn = Arn.parse(ref);
    return arn.isPresent() && "task".equals(arn.get().resourceType()) && ID.matcher(idOf(ref)).matches()
        && arn.get().resource().split("/", -1).length <= 2;
  }

  /** The id {@code ref} names in cluster {@code cluster}; empty when it is malformed or names another place. */
  static Optional<String> id(Scope scope, String cluster, String ref) {
    if (!wellFormed(ref)) {
      return Optional.empty();
    }
    if (!ref.startsWith("arn:")) {
      return Optional.of(ref);
    }
    Arn arn = Arn.parse(ref).orElseThrow();
    boolean ours = "ecs".equals(arn.service()) && scope.accountId().equals(arn.accountId())
        && scope.region().equals(arn.region());
    String resource = arn.resource();
    int slash = resource.indexOf('/');
    if (!ours || (slash >= 0 && !resource.substring(0, slash).equals(cluster))) {
      return Optional.empty();
    }
    return Optional.of(idOf(ref));
  }

  /** The ARN that stands for {@code ref} in failures: the task ARN in this cluster when {@code ref} is a bare id. */
  static String arnFor(Scope scope, String cluster, String ref) {
    return ref != null && !ref.startsWith("arn:") && wellFormed(ref) ? Arn.task(scope, cluster, ref) : ref;
  }
}
