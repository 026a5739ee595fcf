package io.gantry.model;

/**
 * The closed set of ECS error types Gantry answers with, each with the HTTP status AWS uses.
 * The wire name is the ECS exception shape name, which SDKs map to typed exceptions.
 */
public enum ErrorCode {
  CLIENT("ClientException", 400),
  INVALID_PARAMETER("InvalidParameterException", 400),
  SERVER("ServerException", 500),
  CLUSTER_NOT_FOUND("ClusterNotFoundException", 400),
  CLUSTER_CONTAINS_CONTAINER_INSTANCES("ClusterContainsContainerInstancesException", 400),
  CLUSTER_CONTAINS_SERVICES("ClusterContainsServicesException", 400),
  CLUSTER_CONTAINS_TASKS("ClusterContainsTasksException", 400),
  CLUSTER_CONTAINS_CAPACITY_PROVIDER("ClusterContainsCapacityProviderException", 400),
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
  RESOURCE_IN_USE("ResourceInUseException", 400),
  TARGET_NOT_FOUND("TargetNotFoundException", 400),
  ATTRIBUTE_LIMIT_EXCEEDED("AttributeLimitExceededException", 400),
  LIMIT_EXCEEDED("LimitExceededException", 400),
  UPDATE_IN_PROGRESS("UpdateInProgressException", 400),
  ACCESS_DENIED("AccessDeniedException", 400),
  UNSUPPORTED_FEATURE("UnsupportedFeatureException", 400),
  CONFLICT("ConflictException", 400),
  SERVICE_NOT_FOUND("ServiceNotFoundException", 400),
  SERVICE_NOT_ACTIVE("ServiceNotActiveException", 400),
  SERVICE_DEPLOYMENT_NOT_FOUND("ServiceDeploymentNotFoundException", 400),
  // Protocol-level errors shared by every awsJson1_1 service.
  SERIALIZATION("SerializationException", 400),
  UNKNOWN_OPERATION("UnknownOperationException", 400),
  UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
  INVALID_SIGNATURE("InvalidSignatureException", 403),
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 403),
  INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
  REQUEST_EXPIRED("RequestExpired", 400),
  THROTTLING("ThrottlingException", 400);

  private final String wireName;
  private final int httpStatus;

  ErrorCode(String wireName, int httpStatus) {
    this.wireName = wireName;
    this.httpStatus = httpStatus;
  }

  /** The `__type` value on the wire. */
  public String wireName() {
    return wireName;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
