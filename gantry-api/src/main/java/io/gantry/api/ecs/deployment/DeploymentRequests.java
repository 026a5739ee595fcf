package io.gantry.api.ecs.deployment;

import io.gantry.model.Failure;
import java.time.Instant;
import java.util.List;

/** The inputs and outputs of the service deployment operations, under their wire names. */
public final class DeploymentRequests {
  private DeploymentRequests() {}

  /** A createdAt window of ListServiceDeployments (ECS {@code CreatedAt}). */
  public record CreatedAt(Instant after, Instant before) {}

  public record ListServiceDeploymentsRequest(String cluster, CreatedAt createdAt, Integer maxResults,
      String nextToken, String service, List<String> status) {}

  public record ListServiceDeploymentsResponse(String nextToken, List<ServiceDeploymentBrief> serviceDeployments) {}

  public record DescribeServiceDeploymentsRequest(List<String> serviceDeploymentArns) {}

  public record DescribeServiceDeploymentsResponse(List<Failure> failures, List<ServiceDeployment> serviceDeployments) {}

  public record DescribeServiceRevisionsRequest(List<String> serviceRevisionArns) {}

  public record DescribeServiceRevisionsResponse(List<Failure> failures, List<ServiceRevision> serviceRevisions) {}

  public record StopServiceDeploymentRequest(String serviceDeploymentArn, String stopType) {}

  public record StopServiceDeploymentResponse(String serviceDeploymentArn) {}
}
