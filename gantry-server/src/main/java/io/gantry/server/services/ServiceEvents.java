package io.gantry.server.services;

import io.gantry.model.Failure;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The words of service events, as ECS writes them in a service's {@code events}. Pure.
 */
final class ServiceEvents {
  static final String TROUBLESHOOTING = "For more information, see the Troubleshooting section of the Amazon ECS "
      + "Developer Guide.";

  private ServiceEvents() {}

  static String started(String service, List<String> taskIds) {
    return "(service " + service + ") has started " + taskIds.size() + " tasks: " + tasks(taskIds) + ".";
  }

  static String stopped(String service, List<String> taskIds) {
    return "(service " + service + ") has stopped " + taskIds.size() + " running tasks: " + tasks(taskIds) + ".";
  }

  static String steadyState(String service) {
    return "(service " + service + ") has reached a steady state.";
  }

  static String deploymentCompleted(String service, String deploymentId) {
    return "(service " + service + ") (deployment " + deploymentId + ") deployment completed.";
  }

  static String deploymentFailed(String service, String deploymentId) {
    return "(service " + service + ") (deployment " + deploymentId + ") deployment failed: tasks failed to start.";
  }

  static String rollingBack(String service, String deploymentId, String toDeploymentId) {
    return "(service " + service + ") (deployment " + deploymentId + ") deployment rolling back to " + toDeploymentId
        + ".";
  }

  static String unhealthy(String service, String taskId) {
    return "(service " + service + ") (task " + taskId + ") failed container health checks.";
  }

  static String startImpaired(String service) {
    return "(service " + service + ") is unable to consistently start tasks successfully. " + TROUBLESHOOTING;
  }

  /** The placement failure of a launch: the closest miss (the first failure) in ECS's words. */
  static String unableToPlace(String service, List<Failure> failures) {
    String prefix = "(service " + service + ") was unable to place a task because no container instance met all of "
        + "its requirements. ";
    Failure closest = failures.get(0);
    if (closest.arn() == null) {
      return prefix + "Reason: " + closest.reason() + " " + TROUBLESHOOTING;
    }
    String id = closest.arn().substring(closest.arn().lastIndexOf('/') + 1);
    return prefix + "The closest matching (container-instance " + id + ") " + why(closest.reason()) + ". "
        + TROUBLESHOOTING;
  }

  private static String why(String reason) {
    return switch (reason) {
      case "RESOURCE:MEMORY" -> "has insufficient memory available";
      case "RESOURCE:CPU" -> "has insufficient CPU units available";
      case "RESOURCE:PORTS", "RESOURCE:PORTS_UDP" -> "is already using a port required by your task";
      case "RESOURCE:GPU" -> "has insufficient GPU resources available";
      case "ATTRIBUTE" -> "is missing an attribute required by your task";
      case "AGENT" -> "encountered error \"AGENT\"";
      default -> "did not satisfy your task's placement constraints (" + reason + ")";
    };
  }

  private static String tasks(List<String> ids) {
    return ids.stream().map(id -> "(task " + id + ")").collect(Collectors.joining(" "));
  }
}
