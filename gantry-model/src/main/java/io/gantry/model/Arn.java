package io.gantry.model;

import java.util.Optional;

/**
 * An ECS ARN in the long format: {@code arn:aws:ecs:REGION:ACCOUNT:TYPE/RESOURCE}. Builds the
 * ARNs of each resource type and parses ARNs given by users.
 */
public record Arn(String partition, String service, String region, String accountId, String resourceType, String resource) {

  public Arn {
    if (resourceType == null || resourceType.isEmpty() || resource == null || resource.isEmpty()) {
      throw new IllegalArgumentException("ARN needs a resource type and resource");
    }
  }

  public static Arn of(Scope scope, String resourceType, String resource) {
    return new Arn("aws", "ecs", scope.region(), scope.accountId(), resourceType, resource);
  }

  public static String cluster(Scope scope, String clusterName) {
    return of(scope, "cluster", clusterName).toString();
  }

  public static String taskDefinition(Scope scope, String family, int revision) {
    return of(scope, "task-definition", family + ":" + revision).toString();
  }

  public static String containerInstance(Scope scope, String clusterName, String id) {
    return of(scope, "container-instance", clusterName + "/" + id).toString();
  }

  public static String task(Scope scope, String clusterName, String id) {
    return of(scope, "task", clusterName + "/" + id).toString();
  }

  public static String service(Scope scope, String clusterName, String serviceName) {
    return of(scope, "service", clusterName + "/" + serviceName).toString();
  }

  public static String capacityProvider(Scope scope, String name) {
    return of(scope, "capacity-provider", name).toString();
  }

  /** Parses {@code text} if it looks like an ARN ({@code arn:...}); empty when it is a plain name. */
  public static Optional<Arn> parse(String text) {
    if (text == null || !text.startsWith("arn:")) {
      return Optional.empty();
    }
    String[] parts = text.split(":", 6);
    if (parts.length != 6) {
      return Optional.empty();
    }
    String rest = parts[5];
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new Arn(parts[1], parts[2], parts[3], parts[4], rest.substring(0, slash), rest.substring(slash + 1)));
  }

  @Override
  public String toString() {
    return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resourceType + "/" + resource;
  }
}
