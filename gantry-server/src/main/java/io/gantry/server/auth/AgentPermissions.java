package io.gantry.server.auth;

import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Scope;
import io.gantry.server.clusters.ClusterRefs;
import java.util.Optional;
import java.util.Set;

/**
 * What a principal may call: account keys may call everything; issued agent credentials only
 * the calls a node agent makes, only in the region they were issued for, and only for their own
 * cluster. Denials are {@code AccessDeniedException} worded as AWS words them. Stateless.
 */
public final class AgentPermissions {
  /**
   * The ECS operations an agent may call. Gantry's agent itself calls only
   * RegisterContainerInstance (state changes travel on its session); the others are what the
   * Amazon ECS agent's policy (AmazonEC2ContainerServiceforEC2Role) grants, minus polling
   * telemetry and ECR, so an ECS-compatible agent is not locked out of its own calls.
   */
  public static final Set<String> AGENT_OPERATIONS = Set.of(
      "RegisterContainerInstance",
      "DeregisterContainerInstance",
      "DiscoverPollEndpoint",
      "SubmitTaskStateChange",
      "SubmitContainerStateChange",
      "SubmitAttachmentStateChanges");

  private AgentPermissions() {}

  /**
   * Throws {@code AccessDeniedException} unless {@code principal} may call {@code operation}
   * in {@code scope} (the signature's) on the cluster {@code clusterRef} names (null: the
   * request names none, which means {@code default}).
   */
  public static void check(Principal principal, String operation, Scope scope, String clusterRef) {
    if (!(principal instanceof Principal.Agent agent)) {
      return;
    }
    String action = action(operation);
    if (!AGENT_OPERATIONS.contains(operation)) {
      throw denied(agent, action, null);
    }
    if (!agent.scope().equals(scope)) {
      throw denied(agent, action, scope.ecsArnPrefix() + "cluster/*");
    }
    Optional<String> cluster = ClusterRefs.name(scope, clusterRef);
    if (cluster.isEmpty() || !cluster.get().equals(agent.cluster())) {
      throw denied(agent, action, scope.ecsArnPrefix() + "cluster/" + cluster.orElse(String.valueOf(clusterRef)));
    }
  }

  /** Whether an agent session of {@code principal} may serve an instance of {@code cluster} in {@code scope}. */
  public static boolean maySession(Principal principal, Scope scope, String cluster) {
    return !(principal instanceof Principal.Agent agent)
        || agent.scope().equals(scope) && agent.cluster().equals(cluster);
  }

  /** The IAM action of an operation: ECS operations are {@code ecs:Name}, Gantry's own carry their prefix. */
  static String action(String operation) {
    return operation.contains(":") ? operation : "ecs:" + operation;
  }

  private static EcsException denied(Principal.Agent agent, String action, String resource) {
    return new EcsException(ErrorCode.ACCESS_DENIED, "User: " + agent.arn() + " is not authorized to perform: " + action
        + (resource == null ? "" : " on resource: " + resource)
        + " because agent credentials allow only a node agent's own calls for cluster " + agent.cluster() + ".");
  }
}
